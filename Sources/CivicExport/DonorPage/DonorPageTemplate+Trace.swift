extension DonorPageTemplate {
    /// The part of the donor page's script for a receipt's trace section (`civic receipt
    /// --trace`): it mirrors `DonationTrace.parse` (canonical JSON, exactly its members, well
    /// formed) and `ReceiptTrace.check` (bound to the entry, the signed note and the reversal),
    /// and shows the steps. It is spliced into `script` at `/*TRACE*/`, so it shares that
    /// script's scope (`refuse`, `canonical`, `amount`, `L`, `$`).
    static let traceScript = #"""
    // The trace section (civic receipt --trace), checked as ReceiptTrace and DonationTrace.parse
    // do: canonical JSON with exactly its members, well formed (never overdrawn, spent adds up,
    // unspent is what is left), bound to the entry, the signed note and the reversal.

    const TRACE_FORMAT = "civicledger.trace/v1", DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
    function members(value, required, optional) {
      if (value === null || typeof value !== "object" || Array.isArray(value)) throw refuse("traceInvalid");
      for (const k of Object.keys(value)) if (!required.includes(k) && !(optional || []).includes(k)) throw refuse("traceInvalid");
      for (const k of required) if (!(k in value)) throw refuse("traceInvalid");
      return value;
    }
    function integer(value, min) {
      if (!Number.isSafeInteger(value) || value < min) throw refuse("traceInvalid");
      return value;
    }
    function sum(a, b) {
      const total = a + b;  // two safe integers: exact, or past 2^53 − 1 and refused
      if (!Number.isSafeInteger(total)) throw refuse("traceInvalid");
      return total;
    }
    function strings(value, keys) {
      for (const k of keys) if (typeof value[k] !== "string" || value[k] === "") throw refuse("traceInvalid");
      if (!DATE.test(value.date)) throw refuse("traceInvalid");
    }
    function readTrace(text) {
      let value;
      try {
        value = JSON.parse(text);
        if (canonical(value, 0) !== text) throw refuse("traceInvalid");
      } catch (error) {
        throw refuse("traceInvalid");
      }
      members(value, ["checkpoint", "donation", "format", "spent", "steps", "unspent"], ["reversed"]);
      if (value.format !== TRACE_FORMAT) throw refuse("traceInvalid");
      members(value.checkpoint, ["note", "origin", "root", "size"]);
      const donation = members(value.donation, ["amount", "date", "fund", "id", "seq"]);
      members(donation.amount, ["currency", "value"]);
      integer(donation.seq, 0);
      strings(donation, ["date", "fund", "id"]);
      if (value.reversed !== undefined) { strings(members(value.reversed, ["date", "seq"]), ["date"]); integer(value.reversed.seq, 0); }
      integer(value.spent, 0);
      if (!Array.isArray(value.steps) || !Array.isArray(value.unspent)) throw refuse("traceInvalid");
      for (const step of value.steps) {
        if (step && step.kind === "disbursement") {
          members(step, ["amount", "category", "date", "expense", "fund", "kind", "on_purpose", "seq"], ["region"]);
          strings(step, ["category", "date", "expense", "fund"]);
          if (typeof step.on_purpose !== "boolean") throw refuse("traceInvalid");
          if (step.region !== undefined) strings({ ...members(step.region, ["area", "code"]), date: step.date }, ["area", "code"]);
        } else if (step && step.kind === "transfer") {
          members(step, ["amount", "date", "from", "kind", "seq", "to"]);
          strings(step, ["date", "from", "to"]);
        } else {
          throw refuse("traceInvalid");
        }
        integer(step.seq, 0);
        integer(step.amount, 1);
      }
      for (const rest of value.unspent) { members(rest, ["amount", "fund"]); integer(rest.amount, 1); strings({ ...rest, date: "0000-00-00" }, ["fund"]); }
      // The note beside origin, size and root must sign exactly them (DonationTrace.readCheckpoint).
      const c = value.checkpoint, end = typeof c.note === "string" ? c.note.indexOf("\n\n") : -1;
      let signs;
      try {
        signs = parseCheckpoint(c.note.slice(0, end + 1));
        amount(donation.amount);
      } catch (error) {
        throw refuse("traceInvalid");
      }
      if (end < 0 || c.origin !== signs.origin || c.size !== Number(signs.size) || c.root !== base64Encode(signs.root)) throw refuse("traceInvalid");
      checkWellFormed(value, signs.size);
      return value;
    }
    // DonationTrace.checkWellFormed.
    function checkWellFormed(trace, size) {
      const d = trace.donation;
      if (BigInt(d.seq) >= size) throw refuse("traceInvalid");
      if (trace.reversed !== undefined) {
        const r = trace.reversed;
        if (r.seq <= d.seq || BigInt(r.seq) >= size || trace.steps.length || trace.unspent.length || trace.spent !== 0) throw refuse("traceInvalid");
        return;
      }
      const holdings = new Map([[d.fund, d.amount.value]]);
      const take = (fund, amount) => {
        const held = holdings.get(fund) || 0;
        if (amount > held) throw refuse("traceInvalid");
        holdings.set(fund, held - amount);
      };
      let previous = d.seq, spent = 0;
      for (const step of trace.steps) {
        if (step.seq <= previous || BigInt(step.seq) >= size) throw refuse("traceInvalid");
        previous = step.seq;
        if (step.kind === "disbursement") {
          take(step.fund, step.amount);
          spent = sum(spent, step.amount);
        } else {
          if (step.from === step.to) throw refuse("traceInvalid");
          take(step.from, step.amount);
          holdings.set(step.to, sum(holdings.get(step.to) || 0, step.amount));
        }
      }
      if (spent !== trace.spent) throw refuse("traceInvalid");
      const byte = (a, b) => { const x = encoder.encode(a), y = encoder.encode(b); for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i]; return x.length - y.length; };
      const left = Array.from(holdings).filter(([, v]) => v > 0).sort((a, b) => byte(a[0], b[0]));
      if (left.length !== trace.unspent.length || left.some(([fund, v], i) => trace.unspent[i].fund !== fund || trace.unspent[i].amount !== v)) {
        throw refuse("traceInvalid");
      }
    }
    // ReceiptTrace.check.
    function checkTrace(trace, entry, checkpoint, signed, reversal) {
      const c = trace.checkpoint;
      if (c.note !== signed || c.origin !== checkpoint.origin || c.size !== Number(checkpoint.size) || c.root !== base64Encode(checkpoint.root)) {
        throw refuse("traceUnbound");
      }
      const d = trace.donation;
      if (entry.kind !== "donation" || d.seq !== entry.seq || d.id !== entry.id || d.date !== entry.date || d.fund !== entry.fund
          || d.amount.currency !== entry.amount.currency || d.amount.value !== entry.amount.value) throw refuse("traceUnbound");
      const r = trace.reversed;
      if ((r === undefined) !== (reversal === null) || (r && (r.seq !== reversal.seq || r.date !== reversal.date))) throw refuse("traceUnbound");
      return trace;
    }
    function showTrace(trace) {
      const box = $("trace"), money = (value) => amount({ currency: trace.donation.amount.currency, value });
      const add = (tag, text) => { const e = document.createElement(tag); e.textContent = text; box.append(e); return e; };
      add("h2", L.traceHeading);
      add("p", L.traceNote).setAttribute("data-name", "trace-note");
      const list = add("ol", "");
      for (const s of trace.steps) {
        const parts = s.kind === "disbursement"
          ? [L.traceDisbursement + s.fund, s.category + " (" + s.expense + ")", s.region ? s.region.code + " " + s.region.area : L.traceNoRegion]
          : [L.traceTransfer + s.from + " > " + s.to];
        const li = document.createElement("li");
        li.textContent = ["seq " + s.seq, s.date].concat(parts, [money(s.amount)]).join("  ") + (s.on_purpose === false ? "  " + L.traceOffPurpose : "");
        li.setAttribute("data-seq", String(s.seq));
        list.append(li);
      }
      add("p", L.traceSpent + money(trace.spent)).setAttribute("data-name", "trace-spent");
      const rest = trace.unspent.map((u) => u.fund + " " + money(u.amount)).join(", ");
      add("p", L.traceUnspent + (rest || L.traceNone)).setAttribute("data-name", "trace-unspent");
    }

    """#
}
