/**
 * A realistic synthetic corpus in the release's own formats (cables.csv rows, or seed text files),
 * deterministic from a seed, with the distributions of scripts/corpus/tables.json (see
 * docs/import.md, "Generated corpora"). The project's real readers parse every generated cable.
 */
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { canonicalCableId } from '../../server/src/cables/canonical-id.ts';
import { PARTIAL_NOTE } from '../../server/src/cables/split.ts';
import { loadTables, type CorpusTables, type Weighted } from './tables.ts';

export type CorpusFormat = 'csv' | 'text';

export interface GenerateOptions {
  /** Records to write (duplicates and deliberately unreadable records included). */
  cables: number;
  format: CorpusFormat;
  /** A file (csv) or a directory (text). */
  out: string;
  seed?: number;
  /** Share of records that repeat an earlier cable under a second (garbled) id. */
  duplicateShare?: number;
  /** Share of records with an unreadable id (they must land in the rejects file). */
  rejectShare?: number;
  /** Share of citations that point to cables not in the corpus (default: the release's 24 %). */
  missingCitedShare?: number;
}

export interface GenerateResult {
  records: number;
  /** Distinct canonical ids among the readable records. */
  cables: number;
  duplicates: number;
  unreadable: number;
  citations: number;
  citationsToMissing: number;
  bytes: number;
}

/** splitmix32: small, fast, good enough, and the same on every machine. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

class Sampler<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;
  constructor(private readonly items: T[], weights: number[]) {
    let sum = 0;
    for (const w of weights) this.cumulative.push((sum += w));
    this.total = sum;
  }
  static of<V extends string>(rows: Weighted<V>[]): Sampler<V> {
    return new Sampler(rows.map((r) => r.value), rows.map((r) => r.weight));
  }
  static histogram(h: number[]): Sampler<number> {
    return new Sampler(h.map((_, i) => i), h);
  }
  pick(random: () => number): T {
    const x = random() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const PRECEDENCE = ['ROUTINE', 'PRIORITY', 'IMMEDIATE', ''];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

interface Post {
  origin: string;
  sender: string;
  route: string | null;
  /** The station part of this post's cable ids (`LONDON`). */
  station: string;
}

function stationOf(sender: string): string {
  const words = sender.replace(/^(AMEMBASSY|AMCONSUL|USMISSION|USOFFICE|AIT|USINT|AMEMB|SECSTATE|USEU|USNATO)\s+/, '');
  return words.replace(/[^A-Z]/gi, '').toUpperCase() || 'STATE';
}

interface Cable {
  written: string;
  id: string;
  year: number;
  csv: string[];
  text: string;
}

/**
 * The generator proper: call `next()` for each record. Pure apart from the random stream, so a
 * seed always gives byte-identical output.
 */
export class CorpusGenerator {
  private readonly random: () => number;
  private readonly t: CorpusTables;
  private readonly posts: Post[];
  private readonly postSampler: Sampler<number>;
  private readonly years: Sampler<string>;
  private readonly classifications: Sampler<string>;
  private readonly toCounts: Sampler<number>;
  private readonly infoCounts: Sampler<number>;
  private readonly recipients: Sampler<string>;
  private readonly tagCounts: Sampler<number>;
  private readonly tags: Sampler<string>;
  private readonly refCounts: Sampler<number>;
  private readonly reach: Sampler<number>;
  private readonly words: Sampler<string>;
  private readonly signers: Sampler<string>;
  private readonly classifiers: Sampler<string>;
  private readonly serials = new Map<string, number>();
  /** Generated ids by `year|station`, for citations that land inside the corpus. */
  private readonly byYearStation = new Map<string, string[]>();
  private readonly all: { id: string; year: number; written: string }[] = [];
  private readonly recent: Cable[] = [];
  private row = 0;
  readonly result: GenerateResult = { records: 0, cables: 0, duplicates: 0, unreadable: 0, citations: 0, citationsToMissing: 0, bytes: 0 };

  constructor(private readonly options: Required<Omit<GenerateOptions, 'out' | 'format' | 'cables'>>) {
    this.random = rng(options.seed);
    this.t = loadTables();
    this.posts = this.t.posts.map((p) => ({ origin: p.origin, sender: p.sender!, route: p.route, station: stationOf(p.sender!) }));
    this.postSampler = new Sampler(this.posts.map((_, i) => i), this.t.posts.map((p) => p.weight));
    this.years = Sampler.of(this.t.years);
    this.classifications = Sampler.of(this.t.classifications.filter((c) => c.value !== ''));
    this.toCounts = Sampler.histogram(this.t.toCounts.map((n, i) => (i === 0 ? 0 : n)));
    this.infoCounts = Sampler.histogram(this.t.infoCounts);
    this.recipients = Sampler.of(this.t.recipients);
    this.tagCounts = Sampler.histogram(this.t.tagCounts);
    this.tags = Sampler.of(this.t.tags);
    this.refCounts = Sampler.histogram(this.t.refCounts);
    this.reach = Sampler.histogram(this.t.refReachYears);
    this.words = Sampler.of(this.t.vocabulary);
    this.signers = Sampler.of(this.t.signers);
    this.classifiers = Sampler.of(this.t.classifiers);
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private sentence(min: number, max: number): string {
    const n = min + this.int(max - min + 1);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.words.pick(this.random));
    return out.join(' ');
  }

  /** Hard-wrapped at ~65 columns, as the csv bodies are. */
  private wrap(text: string): string {
    const lines: string[] = [];
    let line = '';
    for (const w of text.split(' ')) {
      if (line.length + w.length + 1 > 65) {
        lines.push(`${line} `);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) lines.push(`${line} `);
    return lines.join('\n');
  }

  private textBytes(): number {
    const q = this.t.textBytesQuantiles;
    const x = this.random() * (q.length - 1);
    const i = Math.floor(x);
    const lo = q[i]!;
    const hi = q[Math.min(i + 1, q.length - 1)]!;
    return Math.max(400, Math.round(lo + (hi - lo) * (x - i)));
  }

  private citation(year: number, station: string): { id: string; written: string } {
    const reach = this.reach.pick(this.random);
    const citedYear = Math.max(1966, year - reach);
    const sameStation = this.random() < this.t.sameStationRefShare;
    const citedStation = sameStation ? station : this.random() < 0.5 ? 'STATE' : this.posts[this.postSampler.pick(this.random)]!.station;
    if (this.random() >= this.options.missingCitedShare) {
      const pool = this.byYearStation.get(`${citedYear}|${citedStation}`) ?? this.byYearStation.get(`${year}|${station}`);
      if (pool && pool.length > 0) {
        const id = pool[pool.length - 1 - Math.min(pool.length - 1, this.int(50))]!;
        return { id, written: id };
      }
      for (let tries = 0; tries < 3 && this.all.length > 0; tries++) {
        const c = this.all[this.all.length - 1 - this.int(Math.min(this.all.length, 2000))]!;
        if (c.year <= year) return { id: c.id, written: c.id };
      }
    }
    // A cable outside the corpus: serials above anything the corpus itself uses.
    const serial = 500_000 + this.int(400_000);
    const written = `${pad(citedYear % 100)}${citedStation}${serial}`;
    this.result.citationsToMissing += 1;
    return { id: canonicalCableId(written)!, written };
  }

  private makeCable(): Cable {
    const post = this.posts[this.postSampler.pick(this.random)]!;
    const year = Number(this.years.pick(this.random));
    const key = `${year}|${post.station}`;
    const serial = (this.serials.get(key) ?? 0) + 1 + this.int(30);
    this.serials.set(key, serial);
    const cleanId = `${pad(year % 100)}${post.station}${serial}`;
    const garbled = this.random() < this.t.garbledIdShare;
    const written = garbled ? `${pad(year % 100)}${post.station}${pad(serial, 6)}` : cleanId;
    const id = canonicalCableId(written)!;
    const month = 1 + this.int(12);
    const day = 1 + this.int(28);
    const hour = this.int(24);
    const minute = this.int(60);
    const classification = this.classifications.pick(this.random);
    const partial = this.random() < this.t.partialShare;
    const dtg = `${pad(day)}${pad(hour)}${pad(minute)}Z ${MONTHS[month - 1]} ${pad(year % 100)}`;

    let header: string;
    if (partial) {
      header = `${PARTIAL_NOTE}\n\n${dtg}\n`;
    } else {
      const lines = [`${['R', 'P', 'O'][this.int(3)]} ${dtg}`, `FM ${post.sender}`];
      const recipients = new Set<string>();
      const hub = this.random() < this.t.hubShare;
      const toN = Math.max(hub ? 0 : 1, this.toCounts.pick(this.random) - (hub ? 1 : 0));
      const infoN = this.infoCounts.pick(this.random);
      const hubLine = `${this.t.hub.route}/${this.t.hub.name}`;
      const hubInTo = hub && this.random() < 0.8;
      const address = (entry: string) => {
        const [route, name] = entry.split('|') as [string, string];
        return route ? `${route}/${name}` : name;
      };
      const to: string[] = hubInTo ? [hubLine] : [];
      while (to.length < toN + (hubInTo ? 1 : 0)) {
        const r = this.recipients.pick(this.random);
        if (!recipients.has(r)) to.push(address(r));
        recipients.add(r);
        if (recipients.size > 200) break;
      }
      const info: string[] = hub && !hubInTo ? [hubLine] : [];
      for (let i = 0; i < infoN; i++) {
        const r = this.recipients.pick(this.random);
        if (recipients.has(r)) continue;
        recipients.add(r);
        info.push(address(r));
      }
      const suffix = () => {
        const p = PRECEDENCE[this.int(PRECEDENCE.length)]!;
        return `${p ? ` ${p}` : ''}${this.random() < 0.5 ? ` ${pad(this.int(10000), 4)}` : ''}`;
      };
      to.forEach((r, i) => lines.push(`${i === 0 ? 'TO ' : ''}${r}${suffix()}`));
      info.forEach((r, i) => lines.push(`${i === 0 ? 'INFO ' : ''}${r}${suffix()}`));
      header = `${lines.join('\n')}\n`;
    }

    const tagN = this.tagCounts.pick(this.random);
    const tags = new Set<string>();
    for (let i = 0; i < tagN * 3 && tags.size < tagN; i++) tags.add(this.tags.pick(this.random));
    const refN = this.refCounts.pick(this.random);
    const refs: { id: string; written: string }[] = [];
    for (let i = 0; i < refN; i++) {
      const ref = this.citation(year, post.station);
      if (ref.id !== id && !refs.some((r) => r.id === ref.id)) refs.push(ref);
    }
    this.result.citations += refs.length;
    const subject = this.sentence(3, 9);
    const classified = !classification.startsWith('UNCLASSIFIED');
    const parts: string[] = [
      `${classification.split('//')[0]} ${post.station} ${pad(serial, 6)} `,
      ' ',
      `E.O. 12958: DECL: ${pad(month)}/${pad(day)}/${year + 10} `,
      `TAGS: ${[...tags].join(', ')} `,
      `SUBJECT: ${subject} `,
      ' ',
    ];
    if (refs.length > 0) {
      const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
      parts.push(
        `REF: ${refs
          .map((r, i) => {
            const m = /^(\d{2})(.*?)(\d+)$/.exec(r.written)!;
            return `${refs.length > 1 ? `${letters[i % 26]}. ` : ''}${m[1]} ${m[2]} ${m[3]}`;
          })
          .join(' ')} `,
        ' ',
      );
    }
    if (classified) parts.push(`Classified By: ${this.classifiers.pick(this.random)}, reasons 1.4 (b) and (d) `, ' ');
    const target = this.textBytes();
    let size = header.length + parts.reduce((a, p) => a + p.length + 1, 0);
    for (let n = 1; size < target; n++) {
      const paragraph = this.wrap(`${n}. ${classified ? '(C) ' : ''}${this.sentence(20, 90)}.`);
      parts.push(paragraph, ' ');
      size += paragraph.length + 3;
    }
    parts.push(this.signers.pick(this.random), '');
    const body = parts.join('\n');
    const date = `${month}/${day}/${year} ${hour}:${pad(minute)}`;
    const csv = [date, written, post.origin, classification, refs.map((r) => r.written).join(' '), header, body];
    const seedDate = `${DAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]} ${MONTHS[month - 1]!.charAt(0)}${MONTHS[month - 1]!.slice(1).toLowerCase()} ${pad(day)} 00:00:00 +0100 ${year}`;
    const text = [written, '', seedDate, classification, post.origin, `${header}${body}`].join('\n');
    this.all.push({ id, year, written });
    const pool = this.byYearStation.get(key) ?? [];
    pool.push(id);
    this.byYearStation.set(key, pool);
    return { written, id, year, csv, text };
  }

  /** The next record: a new cable, a duplicate of a recent one under a garbled id, or an unreadable one. */
  next(): { name: string; csv: string[]; text: string } {
    this.row += 1;
    this.result.records += 1;
    const x = this.random();
    if (x < this.options.rejectShare) {
      this.result.unreadable += 1;
      const bad = `UNKNOWN-${this.row}`;
      return { name: `unreadable-${this.row}`, csv: ['1/1/2005 0:00', bad, 'Embassy Nowhere', 'UNCLASSIFIED', '', '', 'No text.\n'], text: `${bad}\n\n\n\n\nNo text.\n` };
    }
    if (x < this.options.rejectShare + this.options.duplicateShare && this.recent.length > 0) {
      const original = this.recent[this.int(this.recent.length)]!;
      const m = /^(\d{2})(.*?)(\d+)$/.exec(original.id)!;
      const written = `${m[1]}${m[2]}${m[3]!.padStart(7, '0')}`;
      this.result.duplicates += 1;
      return {
        name: written,
        csv: [original.csv[0]!, written, ...original.csv.slice(2)],
        text: [written, ...original.text.split('\n').slice(1)].join('\n'),
      };
    }
    const cable = this.makeCable();
    this.result.cables += 1;
    this.recent.push(cable);
    if (this.recent.length > 50) this.recent.shift();
    return { name: cable.written, csv: cable.csv, text: cable.text };
  }

  csvRow(fields: string[]): string {
    const esc = (f: string) => `"${f.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    return `${[String(this.row), ...fields].map(esc).join(',')}\n`;
  }
}

export const DEFAULT_SEED = 20101128;

function drain(out: WriteStream): Promise<void> {
  return new Promise((resolve) => out.once('drain', resolve));
}

/** Writes a corpus; streams, so any size fits in a few MB of memory. */
export async function generateCorpus(options: GenerateOptions): Promise<GenerateResult> {
  const generator = new CorpusGenerator({
    seed: options.seed ?? DEFAULT_SEED,
    duplicateShare: options.duplicateShare ?? 0.001,
    rejectShare: options.rejectShare ?? 0.0002,
    missingCitedShare: options.missingCitedShare ?? loadTables().releaseWide.missingCitedShare,
  });
  if (options.format === 'csv') {
    mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    const out = createWriteStream(options.out);
    for (let i = 0; i < options.cables; i++) {
      const record = generator.next();
      const line = generator.csvRow(record.csv);
      generator.result.bytes += Buffer.byteLength(line);
      if (!out.write(line)) await drain(out);
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } else {
    mkdirSync(options.out, { recursive: true });
    for (let i = 0; i < options.cables; i++) {
      const record = generator.next();
      generator.result.bytes += Buffer.byteLength(record.text);
      writeFileSync(path.join(options.out, `${record.name}.txt`), record.text);
    }
  }
  return generator.result;
}
