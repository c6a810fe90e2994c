import CivicLedger
import PostgresNIO

extension PostgresStore: StoreBookkeeping {
    /// The rows a writer or reader trusts beside the entries, hashes and checkpoints `verify`
    /// has checked: the ledger row (the next batch chains from its size, last leaf and time),
    /// no entry or hash row past the newest checkpoint (an id lookup would find such an
    /// entry, and the next batch's insert would collide with it), and the derived state rows
    /// (checksummed, covering no more than the log). Read in one statement, so a batch
    /// another writer commits meanwhile is seen whole or not at all.
    public func checkBookkeeping(size: UInt64, lastLeafHash: Hash32, lastTime: String) throws {
        let rows = try session.query("""
            SELECT l.size, l.last_leaf, l.last_time,
                (SELECT coalesce(max(size), 0) FROM civic_checkpoints WHERE ledger_id = l.ledger_id),
                (SELECT coalesce(max(seq) + 1, 0) FROM civic_entries WHERE ledger_id = l.ledger_id),
                (SELECT coalesce(max(idx) + 1, 0) FROM civic_tree_hashes WHERE ledger_id = l.ledger_id)
            FROM civic_ledgers l WHERE l.ledger_id = \(ledgerID)
            """).rows
        guard let row = rows.first else { throw LedgerError(.notALedger, "\(location): the ledger was removed") }
        let (rowSize, leaf, time, newest, entryEnd, hashEnd) = try row.decode((Int64, ByteBuffer, String, Int64, Int64, Int64).self)
        guard rowSize == newest else {
            throw broken("civic_ledgers.size does not match the size of the newest checkpoint in civic_checkpoints")
        }
        guard entryEnd <= rowSize else {
            throw broken("civic_entries holds a row at a seq past the newest checkpoint (size \(rowSize))")
        }
        guard hashEnd <= StoredHashes.count(treeSize: rowSize) else {
            throw broken("civic_tree_hashes holds a row at an idx past the tree of the newest checkpoint (size \(rowSize))")
        }
        // A writer that committed after the scan began moved the row past what was verified.
        if rowSize == Int64(exactly: size) {
            guard Array(leaf.readableBytesView) == lastLeafHash.bytes else {
                throw broken("civic_ledgers.last_leaf does not match the leaf hash of entry \(size - 1), the last one")
            }
            guard time == lastTime else {
                throw broken("civic_ledgers.last_time does not match the time of entry \(size - 1), the last one")
            }
        }
        try checkDerivedState(size: UInt64(rowSize))
    }

    /// Every derived state row decodes (its checksum holds) and covers no more than `size`.
    private func checkDerivedState(size: UInt64) throws {
        let rows = try session.query("SELECT name, state FROM civic_derived_state WHERE ledger_id = \(ledgerID) ORDER BY name COLLATE \"C\"").rows
        for row in rows {
            let (name, state) = try row.decode((String, ByteBuffer).self)
            guard state.readableBytes <= DerivedState.byteCountMax, let (covered, _) = DerivedState.decode(Array(state.readableBytesView)),
                  covered <= size else {
                // A plain name is shown; any other is not echoed.
                let shown = PostgresLocation.isLedgerName(name) ? "row \(name)" : "a row"
                throw broken("civic_derived_state \(shown) is damaged or ahead of the ledger (the next writer rebuilds it from the log)")
            }
        }
    }

    private func broken(_ what: String) -> LedgerError {
        LedgerError.integrity(.store, "\(location): \(what)")
    }
}
