/**
 * A small streaming reader of `multipart/form-data` (RFC 7578) for the applicant's uploads: the
 * request is read once, part by part, and a file part's content is handed on as a stream while it
 * arrives, so a file is never held whole here (the document store decides its type from its first
 * bytes and stops reading past its size limit). Text fields are kept, each up to a limit.
 *
 * `parts()` yields each part in order; the caller reads a file part's `content` (or not: what it
 * leaves is skipped) before asking for the next part. Malformed input ends with MultipartError.
 */
import type { IncomingMessage } from 'node:http';

export class MultipartError extends Error {
  override name = 'MultipartError';
}

export interface Part {
  /** The form field's name. */
  name: string;
  /** The file's name as the browser sent it, for a file part; undefined for a text field. */
  filename: string | undefined;
  content: AsyncIterable<Buffer>;
}

export interface MultipartLimits {
  /** Parts in one request. */
  parts: number;
  /** Bytes of the whole request: beyond, MultipartError (so a refused upload is not read forever). */
  totalBytes: number;
  /** Bytes of a part's headers. */
  headerBytes: number;
}

const DEFAULT_LIMITS: MultipartLimits = { parts: 50, headerBytes: 8 * 1024, totalBytes: 256 * 1024 * 1024 };

/** The boundary of a `multipart/form-data` content type, or null when it names none (or an unusable one). */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/** One header parameter (`name="files"`), quoted or not; `filename*` is not read (browsers send `filename`). */
function parameter(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

/** Buffered reading of the request's chunks. */
class Reader {
  buffer: Buffer = Buffer.alloc(0);
  private ended = false;
  private read = 0;
  private readonly source: AsyncIterator<Buffer>;

  constructor(
    source: AsyncIterable<Buffer | string>,
    private readonly maxBytes: number,
  ) {
    const iterator = source[Symbol.asyncIterator]();
    this.source = {
      next: async () => {
        const r = await iterator.next();
        if (r.done) return { done: true, value: undefined };
        return { done: false, value: typeof r.value === 'string' ? Buffer.from(r.value) : r.value };
      },
      return: async () => {
        await iterator.return?.();
        return { done: true, value: undefined };
      },
    };
  }

  /** Reads one more chunk into the buffer; false at the end of the request. */
  async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.read += next.value.length;
    if (this.read > this.maxBytes) throw new MultipartError(`the form is larger than ${this.maxBytes} bytes`);
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, next.value]) : next.value;
    return true;
  }

  /** Until `needle` is in the buffer (its index), reading at most `max` bytes before it; null at the end of the request. */
  async find(needle: Buffer, max: number): Promise<number | null> {
    for (;;) {
      const at = this.buffer.indexOf(needle);
      if (at >= 0) return at;
      if (this.buffer.length > max + needle.length) throw new MultipartError('a part header is too long');
      if (!(await this.more())) return null;
    }
  }

  async atLeast(n: number): Promise<boolean> {
    while (this.buffer.length < n) if (!(await this.more())) return false;
    return true;
  }

  take(n: number): Buffer {
    const head = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return head;
  }
}

/**
 * The parts of a multipart body, in order. A part's content ends at the next delimiter; whatever a
 * caller does not read of it is skipped when the next part is asked for.
 */
export async function* parts(source: IncomingMessage | AsyncIterable<Buffer>, boundary: string, limits: Partial<MultipartLimits> = {}): AsyncGenerator<Part> {
  const { parts: maxParts, headerBytes, totalBytes } = { ...DEFAULT_LIMITS, ...limits };
  const reader = new Reader(source as AsyncIterable<Buffer>, totalBytes);
  const dash = Buffer.from(`--${boundary}`, 'latin1');
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  const CRLF = Buffer.from('\r\n');
  const HEADERS_END = Buffer.from('\r\n\r\n');

  // The preamble, then the first delimiter.
  const first = await reader.find(dash, 64 * 1024);
  if (first === null) throw new MultipartError('the form has no parts');
  reader.take(first + dash.length);
  let count = 0;
  for (;;) {
    if (!(await reader.atLeast(2))) throw new MultipartError('the form ends too early');
    const after = reader.take(2).toString('latin1');
    if (after === '--') return; // the close delimiter: what follows is the epilogue
    if (after !== '\r\n') throw new MultipartError('a delimiter is not followed by a line break');
    if (++count > maxParts) throw new MultipartError(`the form has more than ${maxParts} parts`);

    const end = await reader.find(HEADERS_END, headerBytes);
    if (end === null) throw new MultipartError("a part's headers do not end");
    const headers = reader
      .take(end + HEADERS_END.length)
      .subarray(0, end)
      .toString('utf8')
      .split(CRLF.toString());
    const disposition = headers.find((h) => /^content-disposition\s*:/i.test(h));
    const name = disposition && /^content-disposition\s*:\s*form-data\s*(;|$)/i.test(disposition) ? parameter(disposition, 'name') : undefined;
    if (name === undefined) throw new MultipartError('a part has no form-data name');
    const filename = parameter(disposition!, 'filename');

    let finished = false;
    async function* content(): AsyncGenerator<Buffer> {
      while (!finished) {
        const at = reader.buffer.indexOf(delimiter);
        if (at >= 0) {
          const last = reader.take(at);
          reader.take(delimiter.length);
          finished = true;
          if (last.length) yield last;
          return;
        }
        // Keep what could be the start of the delimiter; hand on the rest.
        const safe = reader.buffer.length - (delimiter.length - 1);
        if (safe > 0) yield reader.take(safe);
        if (!(await reader.more())) throw new MultipartError('a part ends without its delimiter (the upload was cut off)');
      }
    }
    const stream = content();
    yield { name, filename, content: stream };
    // Skip what the caller left unread of this part (a fresh reader of it: the caller's has been closed or never started).
    if (!finished) for await (const _ of content()) void _;
  }
}

/** A text part's value, up to `max` bytes (MultipartError beyond). */
export async function textOf(content: AsyncIterable<Buffer>, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content) {
    size += chunk.length;
    if (size > max) throw new MultipartError(`a form field is longer than ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
