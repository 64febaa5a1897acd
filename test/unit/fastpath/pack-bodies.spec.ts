import { packBodies } from '../../../src/modules/fastpath/pack-bodies';

describe('packBodies', () => {
  const fingerprints = { version: 3, file: '/x.json' };

  it('should copy byte bodies into one buffer to move, and leave text bodies as they are', () => {
    const pooled = Buffer.from('{"a":1}{"b":2}');
    const items = [
      { measurementUid: 'u1', body: pooled.subarray(0, 7) },
      { measurementUid: 'u2', body: '{"c":3}' },
      { measurementUid: 'u3', body: pooled.subarray(7) },
    ];
    const { task, transferList } = packBodies({ fingerprints, items });
    expect(transferList).toHaveLength(1);
    expect(transferList[0].byteLength).toBe(14);
    expect(task.fingerprints).toBe(fingerprints);
    expect(task.items.map((i) => i.measurementUid)).toEqual(['u1', 'u2', 'u3']);
    expect(task.items.map((i) => Buffer.from(i.body as Uint8Array).toString())).toEqual([
      '{"a":1}',
      '{"c":3}',
      '{"b":2}',
    ]);
    for (const i of [task.items[0], task.items[2]]) expect((i.body as Uint8Array).buffer).toBe(transferList[0]);
    // the caller's bytes are untouched, and not the ones moved
    expect(pooled.buffer).not.toBe(transferList[0]);
    expect(items[0].body.toString()).toBe('{"a":1}');
  });

  it('should move bodies that own their buffer when the caller gives them up, and copy the others', () => {
    const own = Buffer.alloc(10_000, 'a');
    const pooled = Buffer.from('{"p":1}');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    const items = [
      { measurementUid: 'own', body: own },
      { measurementUid: 'pooled', body: pooled },
      { measurementUid: 'again', body: own },
    ];
    const { task, transferList } = packBodies({ fingerprints, items }, { moveBodies: true });
    expect(transferList).toHaveLength(2);
    expect(transferList[0]).toBe(own.buffer);
    expect(task.items[0].body).toBe(own);
    expect(task.items[2].body).toBe(own);
    expect((task.items[1].body as Uint8Array).buffer).toBe(transferList[1]);
    expect(Buffer.from(task.items[1].body as Uint8Array).toString()).toBe('{"p":1}');
    // without consent, everything is copied
    const copied = packBodies({ fingerprints, items }).transferList;
    expect(copied).toHaveLength(1);
    expect(copied[0]).not.toBe(own.buffer);
    expect(copied[0].byteLength).toBe(2 * own.length + pooled.length);
  });

  it('should move nothing when every body is text', () => {
    const task = { fingerprints, items: [{ measurementUid: 'u', body: '{}' }] };
    expect(packBodies(task)).toEqual({ task, transferList: [] });
  });
});
