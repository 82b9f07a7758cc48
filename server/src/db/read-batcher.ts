import DataLoader from 'dataloader';
import { availableParallelism } from 'node:os';

export interface ReadBatcherOptions {
  /** Batches sent to the database at once (further requests queue and join the next batch). */
  maxInFlight: number;
  /** Most requests answered by one query. */
  maxBatchSize: number;
}

/**
 * As many batches at once as the machine has cores (at least 2), at most 5 requests each. On the
 * 2-core reference machine, with 20 clients, this cut p95 from ~50 to ~38 ms for depth-3
 * citation chains and from ~42 to ~27 ms for search; 3 batches at once, or batches of 3, 4, 6
 * or 8, did no better (docs/benchmarks.md).
 */
export const DEFAULT_BATCHING: ReadBatcherOptions = { maxInFlight: Math.max(2, availableParallelism()), maxBatchSize: 5 };

/** Counts free places for batches; a batch waits for one before it is sent. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  acquire(then: () => void): void {
    if (this.free > 0) {
      this.free--;
      then();
    } else this.waiting.push(then);
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/**
 * Answers concurrent requests that share one query with one query over the list of their
 * inputs. Every query pays a fixed cost in Neo4j (a transaction, Bolt messages, setting up the
 * plan) and in the driver; under load that cost dominated cheap answers, and a query over four
 * inputs cost ~35 % less per input than four queries (docs/benchmarks.md). A request that
 * finds a free slot is sent on the next turn of the event loop, so nothing waits when the
 * server is quiet; requests that arrive while every slot is busy gather into the next batch.
 * Requests only share a query within a group (the same query text and parameters apart from
 * the inputs).
 */
export class ReadBatcher<Input, Output> {
  private readonly slots: Slots;
  private readonly loaders = new Map<string, DataLoader<Input, Output>>();

  constructor(
    private readonly runBatch: (inputs: readonly Input[]) => Promise<Output[]>,
    private readonly options: ReadBatcherOptions,
  ) {
    if (!(options.maxInFlight >= 1 && options.maxBatchSize >= 1)) throw new RangeError('maxInFlight and maxBatchSize must be at least 1');
    this.slots = new Slots(options.maxInFlight);
  }

  load(group: string, input: Input): Promise<Output> {
    let loader = this.loaders.get(group);
    if (!loader) {
      loader = new DataLoader<Input, Output>((inputs) => this.dispatch(inputs), {
        cache: false,
        maxBatchSize: this.options.maxBatchSize,
        // A slot is taken when the batch is created and given back when its query is answered
        // (dispatch). The batch goes out once the event loop has read what the sockets hold
        // (setImmediate), so requests that arrived together share it; going out on the next tick
        // instead sent a quarter of the batches with a single request under load.
        batchScheduleFn: (send) => this.slots.acquire(() => setImmediate(send)),
      });
      this.loaders.set(group, loader);
    }
    return loader.load(input);
  }

  private async dispatch(inputs: readonly Input[]): Promise<Output[]> {
    try {
      return await this.runBatch(inputs);
    } finally {
      this.slots.release();
    }
  }
}
