/**
 * A response body streamed from chunks already in memory, in slices, each sent when the
 * socket asks for more: a client that goes away stops the copying at once, and a 20 MB
 * scrape is never copied whole into one more buffer.
 */
const SLICE_BYTES = 64 * 1024;

export function chunkStream(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      while (index < chunks.length && offset >= chunks[index].byteLength) {
        index++;
        offset = 0;
      }
      if (index >= chunks.length) {
        controller.close();
        return;
      }
      const chunk = chunks[index];
      controller.enqueue(chunk.subarray(offset, offset + SLICE_BYTES));
      offset += SLICE_BYTES;
    },
  });
}
