/**
 * The REF network as the analysis reads it: every cable node (full cables and stubs) by index,
 * and the citations between them as compressed adjacency lists (CSR), so the compute steps run
 * over typed arrays rather than millions of small objects.
 */
export class CitationGraph {
  readonly ids: string[] = [];
  readonly inCorpus: boolean[] = [];
  /** ISO date of a full cable, null for stubs and undated cables. */
  readonly dates: (string | null)[] = [];
  private readonly indexById = new Map<string, number>();
  private sources: number[] = [];
  private targets: number[] = [];
  private pairs = new Set<number>();
  private adjacency: Adjacency | null = null;

  get size(): number {
    return this.ids.length;
  }

  get referenceCount(): number {
    return this.sources.length;
  }

  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  /** Adds a cable or fills in one that a reference created first. Returns its index. */
  addCable(id: string, inCorpus: boolean, date: string | null): number {
    const index = this.node(id);
    this.inCorpus[index] = inCorpus;
    this.dates[index] = date;
    return index;
  }

  /** A citation `from` → `to`; self-citations and repeats are ignored (a REF is a set). */
  addReference(from: string, to: string): void {
    if (from === to) return;
    const a = this.node(from);
    const b = this.node(to);
    const pair = a * 0x10000000 + b; // exact below 2^53 for up to 2^25 nodes per side
    if (this.pairs.has(pair)) return;
    this.pairs.add(pair);
    this.sources.push(a);
    this.targets.push(b);
    this.adjacency = null;
  }

  /** Both directions as CSR, built once after loading. */
  csr(): Adjacency {
    if (!this.adjacency) {
      this.pairs = new Set(); // only needed while loading
      this.adjacency = buildAdjacency(this.size, this.sources, this.targets);
    }
    return this.adjacency;
  }

  /**
   * The same graph with its cables numbered in id order and each cable's references added in
   * id order: the results then depend on the graph alone, never on the order Neo4j returned
   * it in (Louvain visits nodes in index order; PageRank adds in edge order). Returns the new
   * index of every old one too.
   */
  inIdOrder(): { graph: CitationGraph; newIndex: Int32Array } {
    const order = Int32Array.from(this.ids.keys()).sort((a, b) => (this.ids[a]! < this.ids[b]! ? -1 : this.ids[a]! > this.ids[b]! ? 1 : 0));
    const graph = new CitationGraph();
    const newIndex = new Int32Array(this.size);
    for (const i of order) newIndex[i] = graph.addCable(this.ids[i]!, this.inCorpus[i]!, this.dates[i]!);
    const csr = this.csr();
    for (const i of order) {
      const targets = Array.from(csr.outList.subarray(csr.outStart[i]!, csr.outStart[i + 1]!), (t) => newIndex[t]!).sort((a, b) => a - b);
      for (const t of targets) graph.addReference(this.ids[i]!, graph.ids[t]!);
    }
    return { graph, newIndex };
  }

  /** Every reference as [source index, target index]. */
  forEachReference(visit: (source: number, target: number) => void): void {
    for (let i = 0; i < this.sources.length; i++) visit(this.sources[i]!, this.targets[i]!);
  }

  private node(id: string): number {
    let index = this.indexById.get(id);
    if (index === undefined) {
      index = this.ids.length;
      this.ids.push(id);
      this.inCorpus.push(false);
      this.dates.push(null);
      this.indexById.set(id, index);
    }
    return index;
  }
}

export interface Adjacency {
  /** `outList[outStart[i] … outStart[i+1]]`: the cables cable i cites. */
  outStart: Int32Array;
  outList: Int32Array;
  /** `inList[inStart[i] … inStart[i+1]]`: the cables that cite cable i. */
  inStart: Int32Array;
  inList: Int32Array;
}

function buildAdjacency(size: number, sources: number[], targets: number[]): Adjacency {
  const side = (from: number[], to: number[]) => {
    const start = new Int32Array(size + 1);
    for (const f of from) start[f + 1] = start[f + 1]! + 1;
    for (let i = 0; i < size; i++) start[i + 1] = start[i + 1]! + start[i]!;
    const list = new Int32Array(from.length);
    const fill = start.slice(0, size);
    for (let e = 0; e < from.length; e++) {
      const f = from[e]!;
      list[fill[f]!] = to[e]!;
      fill[f] = fill[f]! + 1;
    }
    return { start, list };
  };
  const out = side(sources, targets);
  const inn = side(targets, sources);
  return { outStart: out.start, outList: out.list, inStart: inn.start, inList: inn.list };
}

export const outDegree = (a: Adjacency, i: number): number => a.outStart[i + 1]! - a.outStart[i]!;
export const inDegree = (a: Adjacency, i: number): number => a.inStart[i + 1]! - a.inStart[i]!;
