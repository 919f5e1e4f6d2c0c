import Dispatch
import RedressStore
import Synchronization

/// `ReportBenchmarkComplaints` a batch at a time, the next batch generated on
/// another thread while the caller writes the current one.
///
/// Generating a complaint (its texts, its lifecycle) is about a fifth of
/// loading it; on a machine with a spare core it need not wait for the
/// writer. The complaints and their order are those of `next()` one at a
/// time, whichever thread makes them.
final class GeneratedBatches: Sendable {
    let batchSize: Int
    private let complaints: Mutex<ReportBenchmarkComplaints>
    private let ready = Mutex<[RecordedComplaint]>([])
    private let generated = DispatchGroup()

    init(_ complaints: consuming ReportBenchmarkComplaints, batchSize: Int) {
        precondition(batchSize > 0, "a batch holds at least one complaint")
        self.batchSize = batchSize
        self.complaints = Mutex(complaints)
        generateNext()
    }

    /// The next batch, or nil once every complaint was handed out.
    func next() -> [RecordedComplaint]? {
        generated.wait()
        let batch = ready.withLock { batch in
            defer { batch = [] }
            return batch
        }
        guard !batch.isEmpty else { return nil }
        generateNext()
        return batch
    }

    private func generateNext() {
        generated.enter()
        DispatchQueue.global().async { [self] in
            let batch = complaints.withLock { complaints in
                (0..<min(batchSize, complaints.count - complaints.produced)).map { _ in complaints.next() }
            }
            ready.withLock { $0 = batch }
            generated.leave()
        }
    }
}
