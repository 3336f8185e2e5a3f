/** One record of a CSV file: its fields, the line it starts on (1-based), and its text for examples. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** The record as it was written, cut to 200 characters: what a summary quotes. */
  text: string;
}

/** A record longer than this is cut there and reported: no real telemetry line comes near it. */
export const MAX_RECORD_CHARS = 1 << 20;

/**
 * Splits CSV text into records as it arrives, in any chunks: RFC 4180 quoting (a quoted field may hold commas,
 * quotes doubled, and line breaks), records ended by CR, LF or CRLF, NUL and other control bytes dropped (ground
 * stations log what the radio gave them, junk included). Memory is one record, whatever the file's size.
 */
export class CsvRecordSplitter {
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  /** The last character was a CR: an LF right after it ends nothing more. */
  private afterCr = false;
  private line = 1;
  private recordLine = 1;
  private text = '';
  private length = 0;
  /** Records cut at MAX_RECORD_CHARS. */
  oversized = 0;

  /** Feeds text; returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === 10) {
          i++;
          continue;
        }
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (c === 34) {
          this.quoted = true;
          this.add('"');
          i++;
          continue;
        }
      }
      if (this.quoted) {
        if (c === 34) {
          if (i + 1 === n) {
            // A quote at the end of a chunk: whether it is doubled is in the next one.
            this.pendingQuote = true;
            this.quoted = false;
          } else if (chunk.charCodeAt(i + 1) === 34) {
            this.add('"');
            i++;
          } else {
            this.quoted = false;
          }
          i++;
        } else if (c === 13 || c === 10) {
          this.line++;
          this.afterCr = c === 13;
          this.add('\n');
          i++;
        } else {
          i = this.run(chunk, i, true);
        }
        continue;
      }
      if (c === 44) {
        this.fields.push(this.field);
        this.field = '';
        this.note(',');
        i++;
      } else if (c === 13 || c === 10) {
        this.afterCr = c === 13;
        const record = this.finish();
        this.line++;
        this.recordLine = this.line;
        if (record) out.push(record);
        i++;
      } else if (c === 34 && this.field.trim() === '') {
        this.quoted = true;
        this.field = '';
        this.note('"');
        i++;
      } else {
        i = this.run(chunk, i, false);
      }
    }
    return out;
  }

  /**
   * Takes the plain characters from `from` up to the next one that means something (comma, quote, line break) in
   * one slice; control characters (NUL, junk from the radio) are left out. Returns where it stopped.
   */
  private run(chunk: string, from: number, quoted: boolean): number {
    let i = from;
    let start = from;
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 34 || c === 13 || c === 10) break;
      if (!quoted && c === 44) {
        // The field ends here; the next one starts unquoted unless it opens with a quote. (The common case, a
        // short plain field, without a call per character or per piece: a gigabyte is a hundred million fields.)
        const piece = i > start && this.length < MAX_RECORD_CHARS ? chunk.slice(start, i) : '';
        this.fields.push(this.field === '' ? piece : this.field + piece);
        this.field = '';
        this.length += piece.length + 1;
        if (this.text.length < 200) this.text += `${piece},`;
        start = i + 1;
        if (chunk.charCodeAt(i + 1) === 34) {
          i++;
          break;
        }
        continue;
      }
      if (c < 32 && c !== 9) {
        if (i > start) this.add(chunk.slice(start, i));
        start = i + 1;
      }
    }
    if (i > start) this.add(chunk.slice(start, i));
    // A quote inside an unquoted field is an ordinary character (one after blanks opens a quoted field: push's).
    if (!quoted && i < chunk.length && chunk.charCodeAt(i) === 34 && this.field.trim() !== '') {
      this.add('"');
      return i + 1;
    }
    return Math.max(i, from + 1);
  }

  private pendingQuote = false;

  /** The last record, when the file does not end with a line break. */
  end(): CsvRecord[] {
    this.pendingQuote = false;
    this.quoted = false;
    const record = this.finish();
    return record ? [record] : [];
  }

  private add(text: string): void {
    if (this.length >= MAX_RECORD_CHARS) return;
    this.field += text;
    this.note(text);
  }

  private note(text: string): void {
    this.length += text.length;
    if (this.text.length < 200) this.text += text.length === 1 ? text : text.slice(0, 200 - this.text.length);
  }

  private finish(): CsvRecord | null {
    if (this.length === 0 && this.fields.length === 0 && this.field === '') return null;
    if (this.length >= MAX_RECORD_CHARS) this.oversized++;
    this.fields.push(this.field);
    const record = { line: this.recordLine, fields: this.fields, text: this.text.length > 200 ? this.text.slice(0, 200) : this.text };
    this.fields = [];
    this.field = '';
    this.text = '';
    this.length = 0;
    return record;
  }
}

/**
 * The records of a byte stream (a file), decoded as UTF-8 with invalid bytes replaced (U+FFFD), a chunk's worth at
 * a time (one await per chunk, not per record: a gigabyte is millions of records).
 */
export async function* csvRecords(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const splitter = new CsvRecordSplitter();
  for await (const chunk of source) {
    yield splitter.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  yield [...splitter.push(decoder.decode()), ...splitter.end()];
}
