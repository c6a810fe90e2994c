/// `StoreVerifier`'s one streaming pass over a store's committed entries: each entry's
/// form and chain, the tree and the stored hashes, and each checkpoint's signature as the
/// scan reaches its size, under the key in force there.
struct StoreScan {
    let store: any LedgerStore
    let origin: String
    let roots: [UInt64: Hash32]
    let notes: [UInt64: SignedNote]
    let held: (size: UInt64, note: SignedNote)?
    /// The keys followed so far: the pinned key, then one per `key` entry scanned.
    private(set) var keys: KeyChain
    /// Called with each entry once it has been checked.
    var observer: ((Entry) -> Void)?
    private let hasher = MerkleHasher()
    private var builder = TreeBuilder()
    private var previousLeaf = Hash32.zero
    private var previousTime = ""
    private var pending: [Hash32] = []
    private var pendingStart: Int64 = 0
    /// The store's id column, checked against each entry's id (lookups by id trust it).
    private var storedIDs: EntryIDPage?

    init(store: any LedgerStore, origin: String, roots: [UInt64: Hash32], notes: [UInt64: SignedNote],
         held: (size: UInt64, note: SignedNote)?, keys: KeyChain) {
        self.store = store
        self.origin = origin
        self.roots = roots
        self.notes = notes
        self.held = held
        self.keys = keys
    }

    /// Returns the root at `size`, the newest checkpoint.
    mutating func run(size: UInt64) throws -> Hash32 {
        let stored = try store.treeHashes()
        storedIDs = (store as? EntryIDPages).map { EntryIDPage(pages: $0, size: size) }
        try store.forEachEntry(in: 0..<size) { seq, bytes in
            try check(seq: seq, bytes: bytes)
            if pending.count >= StoreVerifier.hashPageCount { try compare(with: stored) }
        }
        try compare(with: stored)
        try (store as? StoreBookkeeping)?.checkBookkeeping(size: size, lastLeafHash: previousLeaf, lastTime: previousTime)
        return builder.root(hasher: hasher)
    }

    private mutating func check(seq: UInt64, bytes: ArraySlice<UInt8>) throws {
        let location = store.location
        let entry: Entry
        do { entry = try Entry.decode(Array(bytes)) } catch let error as LedgerError {
            throw LedgerError.integrity(.canonical, "\(location): entry \(seq): \(error.message)")
        }
        guard entry.seq == seq, entry.prev == previousLeaf, entry.time >= previousTime else {
            throw LedgerError.integrity(.chain, "\(location): entry \(seq) breaks the chain (its seq, prev or time does not follow entry \(seq == 0 ? 0 : seq - 1))")
        }
        guard (seq == 0) == (entry.body.kind == .genesis) else {
            throw LedgerError.integrity(.chain, "\(location): entry \(seq): " + (seq == 0 ? "the first entry is not a genesis" : "a second genesis entry"))
        }
        if case .genesis(let genesis) = entry.body.payload, genesis.origin != origin {
            throw LedgerError.integrity(.chain, "\(location): entry 0 is not a genesis naming origin \(origin)")
        }
        if let column = storedIDs?.pages.entryIDColumn, try storedIDs?.storedID(seq: seq) != Array(entry.body.id.utf8) {
            throw LedgerError.integrity(.store, "\(location): entry \(seq): its \(column) does not match the id in its bytes")
        }
        if entry.body.kind == .key {
            do { try keys.follow(entry) } catch let error as LedgerError {
                throw LedgerError.integrity(.signature, "\(location): \(error.message)")
            }
        }
        previousLeaf = hasher.leafHash(Array(bytes))
        previousTime = entry.time
        pending.append(contentsOf: builder.append(leafHash: previousLeaf, hasher: hasher))
        try checkCheckpoint(atSize: seq + 1)
        observer?(entry)
    }

    /// The root and signatures of the kept and the held checkpoint of `size`, if any.
    private func checkCheckpoint(atSize size: UInt64) throws {
        let location = store.location
        if let root = roots[size], builder.root(hasher: hasher) != root {
            throw LedgerError.integrity(.tree, "\(location): the entries do not hash to the root of the checkpoint at size \(size) (an entry below seq \(size) was changed)")
        }
        if let note = notes[size] {
            do { try keys.check(note, size: size) } catch let error as LedgerError {
                throw LedgerError.integrity(.signature, "\(location): the checkpoint at size \(size): \(error.message)")
            }
        }
        if let held, held.size == size {
            do { try keys.check(held.note, size: size) } catch let error as LedgerError {
                throw LedgerError.integrity(.consistency, "held checkpoint: \(error.message)")
            }
        }
    }

    private mutating func compare(with stored: any HashReader) throws {
        guard !pending.isEmpty else { return }
        let indexes = (0..<Int64(pending.count)).map { pendingStart + $0 }
        let found = try stored.readHashes(at: indexes)
        for (offset, hash) in pending.enumerated() where found[offset] != hash {
            throw LedgerError.integrity(.store, "\(store.location): stored tree hash \(pendingStart + Int64(offset)) does not match the entries")
        }
        pendingStart += Int64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }
}
