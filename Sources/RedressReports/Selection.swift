/// The k-th smallest of many integers without sorting them all: the
/// nearest-rank percentiles of a report need two ranks of up to millions of
/// durations, and sorting them was a sixth of a report over the report cells
/// (docs/BENCHMARKS.md).
enum Selection {
    /// Reorders `values[range]` so that index `k` holds its k-th smallest
    /// value (0-based, counted from index 0 of `values`), with no greater
    /// value before it in the range and no smaller one after it.
    ///
    /// Hoare's selection with median-of-three pivots, expected linear time;
    /// a range that keeps splitting badly (about 2·log₂ n rounds) is sorted
    /// instead, so that no input makes it quadratic.
    static func select(_ k: Int, in values: inout [Int64], within range: Range<Int>) {
        precondition(range.contains(k), "the rank must be inside the range")
        values.withUnsafeMutableBufferPointer { buffer in
            var low = range.lowerBound, high = range.upperBound - 1
            var rounds = 2 * (Int.bitWidth - range.count.leadingZeroBitCount) + 8
            while low < high {
                guard rounds > 0 else {
                    buffer[low...high].sort()
                    return
                }
                rounds -= 1
                let middle = low + (high - low) / 2
                if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
                if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
                if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
                let pivot = buffer[middle]
                var i = low, j = high
                while i <= j {
                    while buffer[i] < pivot { i += 1 }
                    while buffer[j] > pivot { j -= 1 }
                    if i <= j {
                        buffer.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // [low, j] ≤ pivot ≤ [i, high], and everything between equals the pivot.
                if k <= j {
                    high = j
                } else if k >= i {
                    low = i
                } else {
                    return
                }
            }
        }
    }
}
