/**
 * ConsumerGroupDescribe v0 (KIP-848 groups), with our own response parser:
 * @platformatic/kafka 1.35.0 reads `subscribed_topic_names` as one string (it is an
 * array) and skips the tagged fields that end each Assignment struct, so its parser
 * fails ("Out of bounds") on any group with members.
 */
import { createAPI, Writer, type Reader } from '@platformatic/kafka';

export interface ConsumerGroupMemberTopic {
  topicName: string;
  partitions: number[];
}

export interface ConsumerGroupDescribeMember {
  memberId: string;
  clientId: string;
  clientHost: string;
  assignment: ConsumerGroupMemberTopic[];
}

export interface ConsumerGroupDescribeGroup {
  errorCode: number;
  groupId: string;
  groupState: string;
  assignorName: string;
  members: ConsumerGroupDescribeMember[];
}

export interface ConsumerGroupDescribeResponse {
  groups: ConsumerGroupDescribeGroup[];
}

function createRequest(groupIds: string[], includeAuthorizedOperations: boolean): Writer {
  return Writer.create()
    .appendArray(groupIds, (w, id) => w.appendString(id), true, false)
    .appendBoolean(includeAuthorizedOperations)
    .appendTaggedFields();
}

/** Assignment => [topic_partitions] TAG_BUFFER; topic_partitions => topic_id topic_name [partitions] TAG_BUFFER */
function readAssignment(r: Reader): ConsumerGroupMemberTopic[] {
  const topics = r.readArray((t) => {
    t.readUUID();
    return { topicName: t.readString(), partitions: t.readArray((p) => p.readInt32(), true, false) };
  });
  r.readTaggedFields();
  return topics;
}

function readMember(r: Reader): ConsumerGroupDescribeMember {
  const memberId = r.readString();
  r.readNullableString(); // instance_id
  r.readNullableString(); // rack_id
  r.readInt32(); // member_epoch
  const clientId = r.readString();
  const clientHost = r.readString();
  r.readArray((s) => s.readString(), true, false); // subscribed_topic_names
  r.readNullableString(); // subscribed_topic_regex
  const assignment = readAssignment(r);
  readAssignment(r); // target_assignment
  return { memberId, clientId, clientHost, assignment };
}

function parseResponse(
  _correlationId: number,
  _apiKey: number,
  _apiVersion: number,
  reader: Reader,
): ConsumerGroupDescribeResponse {
  reader.readInt32(); // throttle_time_ms
  const groups = reader.readArray((r) => {
    const errorCode = r.readInt16();
    r.readNullableString(); // error_message
    const groupId = r.readString();
    const groupState = r.readString();
    r.readInt32(); // group_epoch
    r.readInt32(); // assignment_epoch
    const assignorName = r.readString();
    const members = r.readArray(readMember);
    r.readInt32(); // authorized_operations
    return { errorCode, groupId, groupState, assignorName, members };
  });
  reader.readTaggedFields();
  return { groups };
}

export const consumerGroupDescribeV0 = createAPI<
  [groupIds: string[], includeAuthorizedOperations: boolean],
  ConsumerGroupDescribeResponse
>(69, 0, createRequest, parseResponse);
