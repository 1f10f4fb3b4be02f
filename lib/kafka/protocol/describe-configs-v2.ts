/**
 * DescribeConfigs v2, as Kafka defines it: the request ends with include_synonyms and the
 * answer's entries end with their synonyms. @platformatic/kafka's v2 writes v3's
 * include_documentation too and reads v3's config_type and documentation, which a v2
 * answer does not carry. Brokers before Kafka 2.6 serve no later version.
 * The answer has the shape of the library's v3/v4 answers (no type, no documentation).
 */
import { createAPI, Writer, type describeConfigsV4, type Reader } from '@platformatic/kafka';

type DescribeConfigsRequestResource = describeConfigsV4.DescribeConfigsRequestResource;
type DescribeConfigsResponse = describeConfigsV4.DescribeConfigsResponse;

function createRequest(resources: DescribeConfigsRequestResource[], includeSynonyms: boolean): Writer {
  return Writer.create()
    .appendArray(
      resources,
      (w, r) => {
        w.appendInt8(r.resourceType)
          .appendString(r.resourceName, false)
          .appendArray(r.configurationKeys, (k, key) => k.appendString(key, false), false, false);
      },
      false,
      false,
    )
    .appendBoolean(includeSynonyms);
}

function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader) {
  const throttleTimeMs = reader.readInt32();
  const results = reader.readArray(
    (r) => ({
      errorCode: r.readInt16(),
      errorMessage: r.readNullableString(false),
      resourceType: r.readInt8(),
      resourceName: r.readString(false),
      configs: r.readArray(
        (c) => ({
          name: c.readString(false),
          value: c.readNullableString(false),
          readOnly: c.readBoolean(),
          configSource: c.readInt8(),
          isSensitive: c.readBoolean(),
          synonyms: c.readArray(
            (s) => ({ name: s.readString(false), value: s.readNullableString(false), source: s.readInt8() }),
            false,
            false,
          ),
          configType: 0,
          documentation: null,
        }),
        false,
        false,
      ),
    }),
    false,
    false,
  );
  return { throttleTimeMs, results } as DescribeConfigsResponse;
}

/** Same arguments as the library's v3/v4 (include_documentation is not sent at v2). */
export const describeConfigsV2 = createAPI<
  [resources: DescribeConfigsRequestResource[], includeSynonyms: boolean, includeDocumentation: boolean],
  DescribeConfigsResponse
>(32, 2, createRequest, parseResponse, false, false);
