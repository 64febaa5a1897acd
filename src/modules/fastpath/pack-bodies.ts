import { ScoreTask } from './workers/score-task';

export interface PackOptions {
  /**
   * The caller gives up the byte bodies: one that spans a whole ArrayBuffer of its own is moved
   * to the worker as it is (it reads as empty afterwards) instead of being copied.
   */
  moveBodies?: boolean;
}

/** True for bytes that are the whole of a (non-shared) ArrayBuffer, which can then be moved. */
function ownsItsBuffer(bytes: Uint8Array): boolean {
  return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}

/**
 * Makes a task's byte bodies transferable to a worker without a structured-clone copy or a UTF-8
 * decode on the main thread: bodies that may be moved are listed as they are; the others (often
 * slices of Node's shared buffer pool) are copied into one new buffer, moved in their place.
 * Moving matters for large bodies: a fresh copy costs page faults on the main thread.
 */
export function packBodies(task: ScoreTask, opts: PackOptions = {}): { task: ScoreTask; transferList: ArrayBuffer[] } {
  const transferList: ArrayBuffer[] = [];
  const moved = new Set<ArrayBuffer>();
  let total = 0;
  for (const { body } of task.items) {
    if (typeof body === 'string') continue;
    if (opts.moveBodies && ownsItsBuffer(body) && !moved.has(body.buffer as ArrayBuffer)) {
      moved.add(body.buffer as ArrayBuffer);
    } else total += body.byteLength;
  }
  transferList.push(...moved);
  if (total === 0) return { task, transferList };
  // not zero-filled: every byte is written below
  const packed = Buffer.allocUnsafeSlow(total);
  let at = 0;
  const items = task.items.map((item) => {
    const { body } = item;
    if (typeof body === 'string' || moved.has(body.buffer as ArrayBuffer)) return item;
    packed.set(body, at);
    at += body.byteLength;
    return { ...item, body: packed.subarray(at - body.byteLength, at) };
  });
  transferList.push(packed.buffer);
  return { task: { ...task, items }, transferList };
}
