/** Running median with two heaps: O(log n) per insert, O(1) per query. */
class Heap {
  private readonly a: number[] = [];
  constructor(private readonly before: (x: number, y: number) => boolean) {}
  get size(): number {
    return this.a.length;
  }
  top(): number {
    return this.a[0];
  }
  push(x: number): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): number {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l], a[m])) m = l;
        if (r < a.length && this.before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

export class RunningMedian {
  private readonly low = new Heap((x, y) => x > y); // max-heap of the lower half
  private readonly high = new Heap((x, y) => x < y); // min-heap of the upper half
  get count(): number {
    return this.low.size + this.high.size;
  }
  add(x: number): void {
    if (this.low.size === 0 || x <= this.low.top()) this.low.push(x);
    else this.high.push(x);
    if (this.low.size > this.high.size + 1) this.high.push(this.low.pop());
    else if (this.high.size > this.low.size) this.low.push(this.high.pop());
  }
  median(): number {
    if (this.count === 0) return NaN;
    return this.low.size > this.high.size ? this.low.top() : (this.low.top() + this.high.top()) / 2;
  }
}
