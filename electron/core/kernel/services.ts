/**
 * Per-core state with a lifecycle. A domain declares a slot once, at module level
 * (`defineService`), and reads its value with `serviceOf(ctx, slot)`: the value is created
 * on first use and belongs to that core alone, so two cores on two data folders in one
 * process share nothing. `core.close()` stops every value that has a `stop`, newest first,
 * awaits each, reports failures, and only then closes SQLite. Module-level maps keyed by
 * the context are what this replaces: they had no shutdown, so a worker could still be
 * writing when the database closed.
 */
// Generic over the context type so that context.ts can hold a registry without this file
// importing it back (no cycle); service-slots.ts binds it to CoreContext.

export interface ServiceSlot<T, C> {
  /** For messages: which service failed to stop. */
  readonly name: string;
  create(ctx: C): T;
  /** Ends background work; close() waits for it before SQLite closes. */
  stop?(value: T): Promise<void> | void;
}

/** Thrown when a service with a stop is first asked for after its core began to close. */
export class CoreClosedError extends Error {
  constructor(name: string) {
    super(`core is closing: service "${name}" is no longer available`);
    this.name = 'CoreClosedError';
  }
}

export interface ServiceStopFailure {
  name: string;
  error: unknown;
}

export class ServiceRegistry<C> {
  private readonly values = new Map<ServiceSlot<unknown, C>, unknown>();
  private closing = false;

  get<T>(ctx: C, slot: ServiceSlot<T, C>): T {
    if (this.values.has(slot as ServiceSlot<unknown, C>)) return this.values.get(slot as ServiceSlot<unknown, C>) as T;
    // A plain cache may still be filled by a read that was already on its way; a service
    // that must be stopped cannot start once stopping has begun (nothing would stop it).
    if (this.closing && slot.stop) throw new CoreClosedError(slot.name);
    const value = slot.create(ctx);
    this.values.set(slot as ServiceSlot<unknown, C>, value);
    return value;
  }

  /** The value if the slot was ever used on this core (no creation). */
  peek<T>(slot: ServiceSlot<T, C>): T | undefined {
    return this.values.get(slot as ServiceSlot<unknown, C>) as T | undefined;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /**
   * Stops every created service in reverse order of creation (a service created later may
   * use an earlier one), awaiting each. A failing stop is logged and collected; the others
   * still stop. No service with a stop can be created from then on.
   */
  async stopAll(log: { error(msg: string, extra?: unknown): void }): Promise<ServiceStopFailure[]> {
    this.closing = true;
    const failures: ServiceStopFailure[] = [];
    for (const [slot, value] of [...this.values].reverse()) {
      if (!slot.stop) continue;
      try {
        await slot.stop(value);
      } catch (error) {
        log.error(`停止服务“${slot.name}”时出错`, error);
        failures.push({ name: slot.name, error });
      }
    }
    this.values.clear();
    return failures;
  }
}
