extension DonationTrace {
    /// Reads a trace's canonical JSON bytes strictly (canonical form, exactly the members of
    /// the format, the checkpoint's note parsing to its origin, size and root) and checks
    /// that it is well formed (`checkWellFormed`). Any failure throws `.invalidProof`.
    /// This proves the trace adds up, not that the entries it names say what it says.
    public static func parse(_ bytes: [UInt8]) throws -> DonationTrace {
        do {
            var reader = try FieldReader(try CanonicalJSON.parseCanonical(bytes), path: "trace")
            let format = try reader.string("format")
            guard format == DonationTrace.format else { throw reader.failure("format", "is not \(DonationTrace.format)") }
            let (checkpoint, note) = try readCheckpoint(&reader)
            let donation = try readDonation(&reader)
            var reversal: Reversal?
            if reader.has("reversed") {
                var fields = try reader.object("reversed")
                reversal = Reversal(seq: try seq(&fields, "seq"), date: try fields.date("date", writable: false))
                try fields.finish()
            }
            let spent = try reader.integer("spent", in: 0...Money.valueMax)
            let steps = try readArray(&reader, "steps", countMax: stepCountMax) { try TraceStep(reading: &$0) }
            let unspent = try readArray(&reader, "unspent", countMax: stepCountMax + 1) { fields in
                Remainder(fund: try fields.fundCode("fund"), amount: try fields.integer("amount", in: 1...Money.valueMax))
            }
            try reader.finish()
            let trace = DonationTrace(checkpoint: checkpoint, note: note, donation: donation, reversal: reversal,
                                      steps: steps, unspent: unspent)
            guard try trace.spent() == spent else { throw reader.failure("spent", "is not the sum of the disbursement steps") }
            try trace.checkWellFormed()
            return trace
        } catch let error as LedgerError where error.code != .invalidProof {
            throw LedgerError(.invalidProof, error.message.hasPrefix("trace") ? error.message : "trace: " + error.message)
        }
    }

    private static func readCheckpoint(_ reader: inout FieldReader) throws -> (Checkpoint, SignedNote) {
        var fields = try reader.object("checkpoint")
        let note = try SignedNote.parse(Array(try fields.string("note", scalarCountMax: SignedNote.byteCountMax).utf8))
        let checkpoint = try Checkpoint(text: note.text)
        guard try fields.string("origin") == checkpoint.origin,
              try fields.integer("size", in: 0...JSONValue.integerMagnitudeMax) == Int64(exactly: checkpoint.size),
              try fields.string("root") == checkpoint.root.base64 else {
            throw fields.failure("note", "does not sign the origin, size and root beside it")
        }
        try fields.finish()
        return (checkpoint, note)
    }

    private static func readDonation(_ reader: inout FieldReader) throws -> Donation {
        var fields = try reader.object("donation")
        let donation = Donation(seq: try seq(&fields, "seq"), id: try fields.string("id", check: EntrySyntax.idProblem),
                                date: try fields.date("date", writable: false), fund: try fields.fundCode("fund"),
                                amount: try fields.money("amount"))
        try fields.finish()
        return donation
    }

    static func seq(_ reader: inout FieldReader, _ key: String) throws -> UInt64 {
        UInt64(try reader.integer(key, in: 0...JSONValue.integerMagnitudeMax))
    }

    private static func readArray<Element>(_ reader: inout FieldReader, _ key: String, countMax: Int,
                                           _ read: (inout FieldReader) throws -> Element) throws -> [Element] {
        guard case .array(let values) = try reader.value(key) else { throw reader.failure(key, "expected an array") }
        guard values.count <= countMax else { throw reader.failure(key, "more than \(countMax) members") }
        return try values.enumerated().map { index, value in
            var fields = try FieldReader(value, path: reader.fieldPath("\(key)[\(index)]"))
            let element = try read(&fields)
            try fields.finish()
            return element
        }
    }

    /// The trace adds up: the donation is in the checkpoint; steps come after it, in
    /// ascending seq, within the checkpoint; following the donation's money from its fund,
    /// no step moves or spends more of it than the fund then holds; what is left, by fund
    /// (sorted, none zero), is `unspent`; a reversed donation has no steps and nothing left.
    public func checkWellFormed() throws {
        let size = checkpoint.size
        guard donation.seq < size else { throw problem("the donation's seq \(donation.seq) is not below the checkpoint's size \(size)") }
        if let reversal {
            guard reversal.seq > donation.seq, reversal.seq < size, steps.isEmpty, unspent.isEmpty else {
                throw problem("a reversed donation has a reversal between it and the checkpoint, and no steps or remainder")
            }
            return
        }
        var holdings: [String: Int64] = [donation.fund: donation.amount.value]
        var previous = donation.seq
        for step in steps {
            guard step.seq > previous, step.seq < size else { throw problem("step seq \(step.seq) is out of order or past the checkpoint") }
            previous = step.seq
            switch step {
            case .disbursement(let spending):
                try take(spending.amount, from: spending.fund, holdings: &holdings, seq: step.seq)
            case .transfer(let move):
                guard move.from != move.to else { throw problem("step seq \(move.seq) moves money to the fund it came from") }
                try take(move.amount, from: move.from, holdings: &holdings, seq: step.seq)
                holdings[move.to] = try Money.sum(holdings[move.to] ?? 0, move.amount)
            }
        }
        guard DonationTrace.remainders(holdings) == unspent else { throw problem("unspent is not what the steps leave of the donation") }
    }

    private func take(_ amount: Int64, from fund: String, holdings: inout [String: Int64], seq: UInt64) throws {
        let held = holdings[fund] ?? 0
        guard amount > 0, amount <= held else {
            throw problem("step seq \(seq) draws more of the donation than fund \(fund) holds of it")
        }
        holdings[fund] = held - amount
    }

    private func problem(_ message: String) -> LedgerError {
        LedgerError(.invalidProof, "trace: " + message)
    }
}
