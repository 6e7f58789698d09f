// A bounded pool: `count` tasks, at most `size` at once; each task learns its slot (0…size−1) so a
// slot can keep resources of its own (the grader's runner). Results come back in task order.
export async function runPool<T>(
  count: number,
  size: number,
  task: (index: number, slot: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (slot: number): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index, slot);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, count) }, (_, slot) => worker(slot)));
  return results;
}
