import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes and leaf-hashes a batch of entry lines on every core. These are the
/// independent, expensive parts of verification; the chain, tree and index checks that
/// need log order stay sequential in `EntryScan`. Results come back in input order, so
/// the first bad seq is still the one reported.
enum ParallelDecode {
    struct Decoded {
        let entry: Entry?
        let error: LedgerError?
        let leaf: Hash32
    }

    /// Worker threads: the online cores, or `CIVIC_THREADS` (1 for single-threaded runs).
    static let workerCount: Int = {
        if let text = getenv("CIVIC_THREADS").map({ String(cString: $0) }), let count = Int(text), count >= 1 {
            return min(count, 64)
        }
        return max(1, min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 64))
    }()

    static func run(_ lines: [ArraySlice<UInt8>]) -> [Decoded] {
        map(count: lines.count, context: MerkleHasher.init) { index, hasher in decode(lines[index], hasher: hasher) }
    }

    /// `transform(0..<count)` on every core (one `context` a worker), in input order.
    static func map<Context, Result>(count: Int, context makeContext: () -> Context,
                                     _ transform: (Int, Context) -> Result) -> [Result] {
        let workers = min(workerCount, max(1, count / 64))
        if workers == 1 {
            let context = makeContext()
            return (0..<count).map { transform($0, context) }
        }
        let output = UnsafeMutableBufferPointer<Result>.allocate(capacity: count)
        defer { output.baseAddress!.deinitialize(count: count); output.deallocate() }
        // Each worker writes only its own stride of slots; the buffer outlives the threads.
        nonisolated(unsafe) let slots = output
        withoutActuallyEscaping(makeContext) { makeContext in
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let makeContext = makeContext
                nonisolated(unsafe) let transform = transform
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    let context = makeContext()
                    for index in stride(from: worker, to: count, by: workers) {
                        (slots.baseAddress! + index).initialize(to: transform(index, context))
                    }
                }
            }
        }
        return Array(output)
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, hasher: MerkleHasher) -> Decoded {
        let leaf = bytes.withUnsafeBytes { hasher.leafHash($0) }
        do {
            return Decoded(entry: try Entry.decode(Array(bytes)), error: nil, leaf: leaf)
        } catch let error as LedgerError {
            return Decoded(entry: nil, error: error, leaf: leaf)
        } catch {
            return Decoded(entry: nil, error: LedgerError(.invalidEntry, "\(error)"), leaf: leaf)
        }
    }
}
