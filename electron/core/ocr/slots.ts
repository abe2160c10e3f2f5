/**
 * The scheduling both OCR engines share: tasks wait in one queue, each free slot (a
 * worker, an inference host) takes the next one, and a slot whose task ends takes the
 * next in turn. What a slot does with its task is the engine's own `run`.
 */
export function pumpSlots<S extends { busy: boolean }, T>(
  slots: readonly S[],
  queue: T[],
  run: (slot: S, task: T) => Promise<void>,
): void {
  for (const slot of slots) {
    if (slot.busy || queue.length === 0) continue;
    const task = queue.shift()!;
    slot.busy = true;
    void run(slot, task).finally(() => {
      slot.busy = false;
      pumpSlots(slots, queue, run);
    });
  }
}
