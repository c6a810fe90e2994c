/// The donor page's markup, style and script (see `DonorPage`, Ledger/SPEC.md "Donor page").
/// `{{name}}` in the markup and `/*PINNED*/` in the script are filled in by `DonorPage`;
/// nothing else here varies. The script mirrors `DonorReceipt.parse` and `verify` step for
/// step (and `ReceiptGist.lines` for the summary), so the page and `civic verify-receipt`
/// accept and refuse the same files.
enum DonorPageTemplate {
    static let markup = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="{{policy}}">
    <meta name="referrer" content="no-referrer">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Check a donor receipt</title>
    <style>{{style}}</style>
    </head>
    <body>
    <main>
    <h1 data-label="title">Check a donor receipt</h1>
    <p data-label="intro">This page checks a receipt on this device alone: it sends nothing anywhere and trusts no server.</p>
    <section id="trust">
    <h2 data-label="keyHeading">The ledger key this page trusts</h2>
    <p><code id="vkey">{{vkey}}</code></p>
    <p data-label="keyHint">Compare it with the key the organisation publishes elsewhere (its annual report, its registration). A receipt passes only if this key signed it.</p>
    <ul id="witness-keys">{{witnesses}}</ul>
    </section>
    <section id="input">
    <label id="drop" class="drop" for="file"><span data-label="choose">Choose the receipt file, or drop it here</span>
    <input type="file" id="file"></label>
    </section>
    <section id="result">
    <p id="verdict" role="status" aria-live="polite" data-label="waiting">No receipt checked yet.</p>
    <dl id="gist"></dl>
    <ul id="checks"></ul>
    <div id="trace"></div>
    </section>
    </main>
    <script>{{script}}</script>
    </body>
    </html>

    """#

    static let style = #"""
    :root { color-scheme: light; --ink: #1d2430; --muted: #5b6575; --line: #d6dbe3; --ok: #17663a; --bad: #a3212b; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #f6f7f9; }
    main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.5rem; margin: 0.5rem 0; }
    h2 { font-size: 1rem; margin: 0 0 0.25rem; }
    section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
    code { font: 0.8rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; word-break: break-all; }
    #trust p, #intro { color: var(--muted); margin: 0.25rem 0; }
    #trust code { color: var(--ink); }
    .drop { display: block; border: 2px dashed var(--line); border-radius: 8px; padding: 1rem; text-align: center; cursor: pointer; }
    .drop.over { border-color: var(--ink); }
    .drop input { display: block; margin: 0.5rem auto 0; max-width: 100%; }
    #verdict { font-weight: 600; margin: 0; }
    #verdict[data-ok="true"] { color: var(--ok); }
    #verdict[data-ok="false"] { color: var(--bad); }
    dl { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: 0.25rem 0.75rem; margin: 0.75rem 0 0; }
    dt { color: var(--muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    dd.amount { font-size: 1.25rem; font-weight: 700; }
    #checks { margin: 0.75rem 0 0; padding-left: 1.25rem; color: var(--muted); font-size: 0.9rem; }
    #witness-keys { margin: 0.25rem 0 0; padding-left: 1.25rem; }
    #witness-keys:empty { display: none; }
    #trace:empty { display: none; }
    #trace { margin: 0.75rem 0 0; border-top: 1px solid var(--line); padding-top: 0.5rem; }
    #trace p { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0; }
    #trace ol { margin: 0.25rem 0; padding-left: 1.25rem; font-size: 0.9rem; }
    @media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dt { margin-top: 0.25rem; } }

    """#

    /// The script, with the trace's check and display (`DonorPageTemplate+Trace`) in place.
    static let script = scriptWithoutTrace.replacing("/*TRACE*/\n", with: traceScript)

    private static let scriptWithoutTrace = #"""
    "use strict";
    (function () {
    const PINNED = /*PINNED*/;
    const RECEIPT_HEADER = "civicledger.receipt/v1", PROOF_HEADER = "c2sp.org/tlog-proof@v1";
    const HASH_COUNT_MAX = 64, TREE_SIZE_MAX = 1n << 61n, JSON_DEPTH_MAX = 16;

    const EN = {
      title: "Check a donor receipt",
      intro: "This page checks a receipt on this device alone: it sends nothing anywhere and trusts no server.",
      keyHeading: "The ledger key this page trusts",
      keyHint: "Compare it with the key the organisation publishes elsewhere (its annual report, its registration). A receipt passes only if this key signed it.",
      choose: "Choose the receipt file, or drop it here",
      waiting: "No receipt checked yet.",
      checking: "Checking…",
      ok: "This receipt is genuine: the ledger's signed checkpoint proves the entry below.",
      okReversed: "This receipt is genuine, but the gift was reversed (see “reversed”).",
      gist: { "organisation": "Organisation", "unified social credit code": "Unified social credit code", "ledger": "Ledger",
              "entry": "Entry", "kind": "Kind", "value date": "Date", "recorded": "Recorded", "amount": "Amount",
              "fund": "Fund", "programme": "Category", "receipt": "Receipt no.", "donor": "Donor", "scheme": "Scheme",
              "tier": "Tier", "mechanism": "Mechanism", "contributor": "Contributor", "participant": "Participant",
              "reversed": "Reversed", "checkpoint": "Checkpoint" },
      checkLeaf: "Entry hash (SHA-256 leaf) is in the signed tree of size ",
      checkSignature: "Checkpoint signed by the key above",
      checkGenesis: "The organisation's genesis entry is in the same tree",
      checkGist: "The summary matches the proven entry",
      traceHeading: "Where the money went (the ledger's trace)",
      traceNote: "This trace is the ledger's own statement: this page checked that it adds up and is bound to this entry and checkpoint, not that the entries it names say so; anyone with the ledger's entries up to this checkpoint can re-derive it (civic trace).",
      traceDisbursement: "disbursement from ", traceTransfer: "transfer ", traceNoRegion: "region not stated",
      traceOffPurpose: "NOT the fund's purpose", traceSpent: "Spent: ", traceUnspent: "Unspent: ", traceNone: "none",
      cosigned: (name, time) => "Cosigned by witness " + name + " (checked), at " + time,
      unchecked: (name) => "Cosignature by " + name + ": not checked (this page does not know its key)",
      absent: (name) => "No cosignature by witness " + name,
      part: { "end": "final newline", "header": "first line", "gist": "summary", "entry": "entry line", "genesis": "genesis line",
              "genesis proof": "genesis proof", "reversal": "reversal line", "reversal proof": "reversal proof",
              "proof header": "proof header", "index": "index line", "inclusion proof": "inclusion proof",
              "checkpoint": "checkpoint", "signatures": "signatures", "trace": "trace line" },
      fail: {
        traceInvalid: () => "The receipt's trace is not a well-formed trace: it does not add up (a step takes more than the fund holds of the gift, or spent or unspent is wrong).",
        traceUnbound: () => "The receipt's trace is not of this entry at this checkpoint (its donation, checkpoint or reversal differ).",
        tooLarge: (max) => "This file is not a receipt: it is larger than " + max + " bytes, so it was not read.",
        notText: () => "This file is not a receipt: it is not UTF-8 text.",
        badLink: () => "The link's #receipt= part is not base64url text, so there is no receipt to check.",
        notReceipt: () => "This file is not a CivicLedger donor receipt (its first line is not civicledger.receipt/v1).",
        truncated: (part) => "The receipt is incomplete (cut short): it ends before its " + part + ".",
        malformed: (part) => "The receipt is damaged: its " + part + " is not in the expected form.",
        entryInvalid: (which) => "The receipt's " + which + " is not a valid canonical ledger entry.",
        seqMismatch: (seq, index) => "The receipt's entry says seq " + seq + " but its proof is for index " + index + ".",
        notSigned: () => "The checkpoint is not signed by the key this page trusts: the receipt is of another ledger, or its checkpoint was replaced.",
        badSignature: () => "The checkpoint's signature by the trusted key does not verify: the checkpoint was changed.",
        twoSignatures: () => "The checkpoint carries two signatures by the trusted key.",
        wrongOrigin: (origin, name) => "The checkpoint names the ledger “" + origin + "”, but the key this page trusts is for “" + name + "”.",
        badCheckpoint: () => "The receipt's checkpoint is not a valid checkpoint (origin, size and root hash).",
        notIncluded: () => "The entry is not in the signed tree: its bytes or its inclusion proof were changed.",
        genesisMismatch: () => "The receipt's genesis entry is not the genesis of the ledger that signed the checkpoint.",
        genesisNotIncluded: () => "The receipt's genesis entry is not in the signed tree.",
        reversalInvalid: () => "The receipt's reversal entry does not reverse this entry.",
        reversalNotIncluded: () => "The receipt's reversal entry is not in the signed tree.",
        notGift: () => "The receipt's entry is not a donation or a contribution.",
        gistEdited: (line) => "The receipt's summary does not match its proven entry: the “" + line + "” line was edited.",
        gistLines: () => "The receipt's summary does not match its proven entry: a line was added or removed.",
        badCosignature: (name) => "The cosignature by witness " + name + " does not verify: the checkpoint or the cosignature was changed.",
        noCrypto: () => "This browser cannot check Ed25519 signatures (Web Crypto); use a current browser, or civic verify-receipt.",
        badPage: () => "This page is damaged: its pinned key is not a valid verifier key. Get the page again from the organisation.",
        unexpected: () => "The receipt could not be checked (an unexpected error in this page)."
      }
    };

    const ZH = {
      title: "核验捐赠收据",
      intro: "本页面只在您的设备上核验收据：不向任何地方发送数据，也不信任任何服务器。",
      keyHeading: "本页面信任的账本公钥",
      keyHint: "请与该机构在其他渠道（年度报告、登记信息）公布的公钥比对。只有这把公钥签名的收据才能通过核验。",
      choose: "选择收据文件，或拖放到这里",
      waiting: "尚未核验任何收据。",
      checking: "正在核验…",
      ok: "收据真实：账本签名的检查点证明了下面这笔记录。",
      okReversed: "收据真实，但这笔捐赠已被冲销（见“冲销”）。",
      gist: { "organisation": "机构", "unified social credit code": "统一社会信用代码", "ledger": "账本",
              "entry": "记录", "kind": "类型", "value date": "日期", "recorded": "记账时间", "amount": "金额",
              "fund": "基金", "programme": "用途类别", "receipt": "收据编号", "donor": "捐赠人", "scheme": "计划",
              "tier": "层级", "mechanism": "方式", "contributor": "缴费人", "participant": "参与人",
              "reversed": "冲销", "checkpoint": "检查点" },
      checkLeaf: "记录哈希（SHA-256 叶子）在已签名的树中，树的大小为 ",
      checkSignature: "检查点由上面的公钥签名",
      checkGenesis: "机构的创世记录在同一棵树中",
      checkGist: "摘要与已证明的记录一致",
      traceHeading: "资金去向（账本的追踪）",
      traceNote: "这份追踪是账本自己的陈述：本页面核验了它的数额自洽、且与这笔记录和检查点绑定，但不能证明其中列出的记录确实如此；任何持有截至该检查点的账本记录的人都可以重新推导出它（civic trace）。",
      traceDisbursement: "支出自 ", traceTransfer: "调拨 ", traceNoRegion: "未注明地区",
      traceOffPurpose: "不符合基金用途", traceSpent: "已支出：", traceUnspent: "未支出：", traceNone: "无",
      cosigned: (name, time) => "见证人 " + name + " 已联署（已核验），时间 " + time,
      unchecked: (name) => name + " 的联署：未核验（本页面不知道其公钥）",
      absent: (name) => "见证人 " + name + " 没有联署",
      part: { "end": "结尾换行", "header": "第一行", "gist": "摘要", "entry": "记录行", "genesis": "创世记录行",
              "genesis proof": "创世记录证明", "reversal": "冲销记录行", "reversal proof": "冲销记录证明",
              "proof header": "证明标题", "index": "序号行", "inclusion proof": "包含证明",
              "checkpoint": "检查点", "signatures": "签名", "trace": "追踪行" },
      fail: {
        traceInvalid: () => "收据中的追踪格式不对或数额不自洽（某一步动用的超过基金中这笔捐赠的余额，或已支出、未支出不符）。",
        traceUnbound: () => "收据中的追踪不属于这笔记录或这个检查点（捐赠、检查点或冲销不一致）。",
        tooLarge: (max) => "这不是收据：文件超过 " + max + " 字节，未读取。",
        notText: () => "这不是收据：文件不是 UTF-8 文本。",
        badLink: () => "链接中的 #receipt= 部分不是 base64url 文本，没有可核验的收据。",
        notReceipt: () => "这不是 CivicLedger 捐赠收据（第一行不是 civicledger.receipt/v1）。",
        truncated: (part) => "收据不完整（被截断）：在其" + part + "之前就结束了。",
        malformed: (part) => "收据已损坏：其" + part + "格式不对。",
        entryInvalid: (which) => "收据中的" + which + "不是有效的规范账本记录。",
        seqMismatch: (seq, index) => "收据记录的序号是 " + seq + "，但证明针对的是序号 " + index + "。",
        notSigned: () => "检查点不是由本页面信任的公钥签名的：这是另一个账本的收据，或者检查点被替换了。",
        badSignature: () => "检查点上受信任公钥的签名核验失败：检查点被改动过。",
        twoSignatures: () => "检查点带有受信任公钥的两个签名。",
        wrongOrigin: (origin, name) => "检查点写的账本是“" + origin + "”，但本页面信任的公钥属于“" + name + "”。",
        badCheckpoint: () => "收据中的检查点无效（来源、大小和根哈希）。",
        notIncluded: () => "这笔记录不在已签名的树中：记录内容或包含证明被改动过。",
        genesisMismatch: () => "收据中的创世记录不是签署检查点的账本的创世记录。",
        genesisNotIncluded: () => "收据中的创世记录不在已签名的树中。",
        reversalInvalid: () => "收据中的冲销记录并未冲销这笔记录。",
        reversalNotIncluded: () => "收据中的冲销记录不在已签名的树中。",
        notGift: () => "收据中的记录不是捐赠或缴费。",
        gistEdited: (line) => "收据摘要与已证明的记录不一致：“" + (ZH.gist[line] || line) + "”（" + line + "）一行被改动过。",
        gistLines: () => "收据摘要与已证明的记录不一致：有行被添加或删除。",
        badCosignature: (name) => "见证人 " + name + " 的联署核验失败：检查点或联署被改动过。",
        noCrypto: () => "此浏览器无法核验 Ed25519 签名（Web Crypto）；请使用新版浏览器，或 civic verify-receipt。",
        badPage: () => "本页面已损坏：其中的公钥无效。请向该机构重新获取本页面。",
        unexpected: () => "无法核验收据（本页面出现意外错误）。"
      }
    };

    const L = /^zh\b/i.test(navigator.language || "") ? ZH : EN;
    const encoder = new TextEncoder();

    class Refusal extends Error {
      constructor(key, ...args) { super(key); this.key = key; this.args = args; }
    }
    const refuse = (key, ...args) => new Refusal(key, ...args);

    // Bytes and text.

    function concat(...parts) {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) { out.set(p, at); at += p.length; }
      return out;
    }
    function equalBytes(a, b) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
      return true;
    }
    function bytesFromBinary(binary) {
      const out = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
      return out;
    }
    function base64Encode(bytes) {
      let binary = "";
      for (const b of bytes) binary += String.fromCharCode(b);
      return btoa(binary);
    }
    // Standard base64 with padding, in its one canonical spelling (as the CLI writes it).
    function base64Decode(text) {
      if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
      const bytes = bytesFromBinary(atob(text));
      return base64Encode(bytes) === text ? bytes : null;
    }
    // The URL fragment: base64url, padding optional.
    function base64urlDecode(text) {
      const bare = text.replace(/=+$/, "");
      if (!/^[A-Za-z0-9_-]*$/.test(bare) || bare.length % 4 === 1) return null;
      const standard = bare.replace(/-/g, "+").replace(/_/g, "/");
      return bytesFromBinary(atob(standard + "=".repeat((4 - standard.length % 4) % 4)));
    }
    function hex(bytes) {
      return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    }

    // Crypto: SHA-256 and Ed25519 from Web Crypto only.

    async function sha256(bytes) {
      return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    }
    const leafHash = (bytes) => sha256(concat(new Uint8Array([0]), bytes));
    const nodeHash = (left, right) => sha256(concat(new Uint8Array([1]), left, right));

    async function ed25519Verify(publicKey, signature, message) {
      let key;
      try {
        key = await crypto.subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
      } catch (error) {
        throw refuse("noCrypto");
      }
      return crypto.subtle.verify({ name: "Ed25519" }, key, signature, message);
    }

    // A C2SP verifier key: name+hexid+base64(type ‖ 32-byte key); the id is checked.
    async function parseKey(vkey, type) {
      const first = vkey.indexOf("+"), second = vkey.indexOf("+", first + 1);
      if (first <= 0 || second < 0) throw refuse("badPage");
      const name = vkey.slice(0, first), id = vkey.slice(first + 1, second);
      const bytes = base64Decode(vkey.slice(second + 1));
      if (!/^[0-9a-f]{8}$/.test(id) || !bytes || bytes.length !== 33 || bytes[0] !== type) throw refuse("badPage");
      const publicKey = bytes.slice(1);
      const digest = await sha256(concat(encoder.encode(name + "\n"), new Uint8Array([type]), publicKey));
      if (hex(digest.slice(0, 4)) !== id) throw refuse("badPage");
      return { name, id, publicKey };
    }

    // The receipt file (Ledger/SPEC.md, "Donor receipt"), parsed as DonorReceipt.parse does.

    function decodeText(bytes) {
      if (bytes.length > PINNED.receiptByteCountMax) throw refuse("tooLarge", PINNED.receiptByteCountMax);
      try {
        return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch (error) {
        throw refuse("notText");
      }
    }

    function parseReceipt(text) {
      if (!text.endsWith("\n")) {
        throw text.startsWith(RECEIPT_HEADER) ? refuse("truncated", L.part.end) : refuse("notReceipt");
      }
      const lines = text.split("\n");
      lines.pop();
      let at = 0;
      const next = (part) => {
        if (at >= lines.length) throw refuse("truncated", L.part[part]);
        return lines[at++];
      };
      const field = (label) => {
        const line = next(label);
        if (!line.startsWith(label + " ")) throw refuse("malformed", L.part[label]);
        return line.slice(label.length + 1);
      };
      const hashes = (part) => {
        const list = [];
        for (let line = next(part); line !== ""; line = next(part)) {
          const hash = base64Decode(line);
          if (!hash || hash.length !== 32 || list.length >= HASH_COUNT_MAX) throw refuse("malformed", L.part[part]);
          list.push(hash);
        }
        return list;
      };
      if (next("header") !== RECEIPT_HEADER) throw refuse("notReceipt");
      const gist = [];
      for (let line = next("gist"); line !== ""; line = next("gist")) {
        const colon = line.indexOf(": ");
        if (colon < 0) throw refuse("malformed", L.part.gist);
        gist.push([line.slice(0, colon), line.slice(colon + 2)]);
      }
      const receipt = { gist, entry: field("entry"), genesis: field("genesis"), genesisProof: hashes("genesis proof") };
      if (at < lines.length && lines[at].startsWith("reversal ")) {
        receipt.reversal = { entry: field("reversal"), proof: hashes("reversal proof") };
      }
      if (at < lines.length && lines[at].startsWith("trace ")) {
        receipt.trace = readTrace(field("trace"));
        if (next("trace") !== "") throw refuse("malformed", L.part.trace);
      }
      if (next("proof header") !== PROOF_HEADER) throw refuse("malformed", L.part["proof header"]);
      if (at < lines.length && lines[at].startsWith("extra ")) at++;  // accepted and ignored (SPEC)
      const index = /^index (0|[1-9][0-9]*)$/.exec(next("index"));
      if (!index) throw refuse("malformed", L.part.index);
      receipt.index = BigInt(index[1]);
      receipt.path = hashes("inclusion proof");
      let note = "";
      while (at < lines.length && lines[at] !== "") note += lines[at++] + "\n";
      next("checkpoint");  // the blank line between the note's text and its signatures
      receipt.note = note;
      receipt.signatures = [];
      receipt.signed = note + "\n";  // the signed note as written (a trace's checkpoint.note)
      while (at < lines.length && lines[at].startsWith("\u2014 ")) {
        receipt.signed += lines[at] + "\n";
        receipt.signatures.push(parseSignature(lines[at++]));
      }
      if (receipt.signatures.length === 0) throw refuse("truncated", L.part.signatures);
      if (at !== lines.length || receipt.signatures.length > PINNED.signatureCountMax) throw refuse("malformed", L.part.signatures);
      return receipt;
    }

    function parseSignature(line) {
      const fields = line.slice(2).split(" ");
      const bytes = fields.length === 2 ? base64Decode(fields[1]) : null;
      if (!bytes || bytes.length <= 4 || fields[0] === "") throw refuse("malformed", L.part.signatures);
      return { name: fields[0], id: hex(bytes.slice(0, 4)), signature: bytes.slice(4) };
    }

    function parseCheckpoint(note) {
      const lines = note.split("\n");
      if (lines.length < 4) throw refuse("badCheckpoint");
      const size = /^(0|[1-9][0-9]*)$/.test(lines[1]) ? BigInt(lines[1]) : -1n;
      const root = base64Decode(lines[2]);
      if (lines[0] === "" || size < 0n || size > TREE_SIZE_MAX || !root || root.length !== 32) throw refuse("badCheckpoint");
      return { origin: lines[0], size, root };
    }

    // An entry: JSON whose RFC 8785 form is exactly its text (so it reads as the CLI reads it).

    function canonical(value, depth) {
      if (depth > JSON_DEPTH_MAX) throw refuse("entryInvalid", "");
      if (Array.isArray(value)) return "[" + value.map((v) => canonical(v, depth + 1)).join(",") + "]";
      if (value !== null && typeof value === "object") {
        return "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + canonical(value[k], depth + 1)).join(",") + "}";
      }
      if (typeof value === "number" && !Number.isSafeInteger(value)) throw refuse("entryInvalid", "");
      return JSON.stringify(value);
    }

    function decodeEntry(text, which) {
      let value;
      try {
        if (encoder.encode(text).length > PINNED.entryByteCountMax) throw refuse("entryInvalid", which);
        value = JSON.parse(text);
        if (value === null || typeof value !== "object" || Array.isArray(value) || canonical(value, 0) !== text) throw refuse("entryInvalid", which);
      } catch (error) {
        throw refuse("entryInvalid", which);
      }
      if (!Number.isSafeInteger(value.seq) || value.seq < 0 || typeof value.kind !== "string") throw refuse("entryInvalid", which);
      return value;
    }

    // RFC 9162 §2.1.3.2: the root an inclusion path leads to, or null.
    async function rootFromPath(leaf, index, size, path) {
      if (index >= size) return null;
      let fn = index, sn = size - 1n, r = leaf;
      for (const p of path) {
        if (sn === 0n) return null;
        if ((fn & 1n) === 1n || fn === sn) {
          r = await nodeHash(p, r);
          while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
        } else {
          r = await nodeHash(r, p);
        }
        fn >>= 1n; sn >>= 1n;
      }
      return sn === 0n ? r : null;
    }
    async function included(bytes, index, checkpoint, path) {
      const root = await rootFromPath(await leafHash(encoder.encode(bytes)), index, checkpoint.size, path);
      return root !== null && equalBytes(root, checkpoint.root);
    }

    // The summary, computed from the proven entries as ReceiptGist.lines does.

    function text(value, which) {
      if (typeof value !== "string") throw refuse("entryInvalid", which);
      return value;
    }
    function amount(money) {
      const exponent = money && PINNED.exponents[money.currency];
      if (!money || typeof exponent !== "number" || !Number.isSafeInteger(money.value) || money.value <= 0) {
        throw refuse("entryInvalid", "entry");
      }
      let digits = String(money.value);
      if (digits.length <= exponent) digits = "0".repeat(exponent - digits.length + 1) + digits;
      const whole = digits.slice(0, digits.length - exponent);
      return (exponent > 0 ? whole + "." + digits.slice(digits.length - exponent) : whole) + " " + money.currency;
    }

    function gistLines(entry, genesis, size, reversal) {
      const org = genesis.org || {};
      const lines = [
        ["organisation", text(org.name, "genesis")], ["unified social credit code", text(org.uscc, "genesis")],
        ["ledger", text(genesis.origin, "genesis")], ["entry", "seq " + entry.seq + ", id " + text(entry.id, "entry")],
        ["kind", entry.kind], ["value date", text(entry.date, "entry")], ["recorded", text(entry.time, "entry")]
      ];
      if (entry.kind === "donation") {
        const receipt = entry.receipt || {}, donor = entry.donor || {};
        lines.push(["amount", amount(entry.amount)], ["fund", text(entry.fund, "entry")], ["programme", text(entry.category, "entry")],
          ["receipt", receipt.declined === true ? "declined" : text(receipt.series, "entry") + " no. " + receipt.number],
          ["donor", donor.anonymous === true ? "anonymous" : text(donor.ref, "entry") + " (" + text(donor.type, "entry") + ")"]);
      } else if (entry.kind === "contribution") {
        lines.push(["amount", amount(entry.amount)], ["scheme", text(entry.scheme, "entry")], ["tier", String(entry.tier)],
          ["mechanism", text(entry.mechanism, "entry")], ["contributor", text((entry.contributor || {}).ref, "entry")]);
        if (entry.participant) lines.push(["participant", text(entry.participant.ref, "entry")]);
      } else {
        throw refuse("notGift");
      }
      if (reversal) {
        lines.push(["reversed", "seq " + reversal.seq + ", value date " + text(reversal.date, "reversal") + ", reason: " + text(reversal.reason, "reversal")]);
      }
      lines.push(["checkpoint", "tree size " + size]);
      // A value is one line: control characters in a name or reference become spaces.
      return lines.map(([name, value]) => [name, Array.from(value, (c) => (c.codePointAt(0) < 0x20 || c.codePointAt(0) === 0x7f ? " " : c)).join("")]);
    }

    /*TRACE*/
    // The checkpoint's signature under the pinned key, then the witnesses' cosignatures.

    async function checkSignature(receipt, key) {
      const mine = receipt.signatures.filter((s) => s.name === key.name && s.id === key.id);
      if (mine.length === 0) throw refuse("notSigned");
      if (mine.length > 1) throw refuse("twoSignatures");
      if (mine[0].signature.length !== 64 || !(await ed25519Verify(key.publicKey, mine[0].signature, encoder.encode(receipt.note)))) {
        throw refuse("badSignature");
      }
    }

    async function checkCosignatures(receipt, key, witnesses) {
      const lines = [];
      for (const s of receipt.signatures) {
        if (s.name === key.name && s.id === key.id) continue;
        const witness = witnesses.find((w) => w.name === s.name && w.id === s.id);
        if (!witness) { lines.push(L.unchecked(s.name)); continue; }
        const bytes = s.signature;
        let time = 0n;
        for (const b of bytes.slice(0, 8)) time = (time << 8n) | BigInt(b);
        const message = concat(encoder.encode("cosignature/v1\ntime " + time + "\n"), encoder.encode(receipt.note));
        if (bytes.length !== 72 || time >= 1n << 63n || !(await ed25519Verify(witness.publicKey, bytes.slice(8), message))) {
          throw refuse("badCosignature", witness.name);
        }
        witness.cosigned = true;
        lines.push(L.cosigned(witness.name, new Date(Number(time) * 1000).toISOString().replace(".000Z", "Z")));
      }
      for (const w of witnesses) if (!w.cosigned) lines.push(L.absent(w.name));
      return lines;
    }

    // The whole check, in the order of DonorReceipt.verify.

    async function verify(bytes) {
      const key = await parseKey(PINNED.vkey, 1);
      const witnesses = [];
      for (const vkey of PINNED.witnesses) witnesses.push(await parseKey(vkey, 4));
      const receipt = parseReceipt(decodeText(bytes));
      const entry = decodeEntry(receipt.entry, "entry"), genesis = decodeEntry(receipt.genesis, "genesis");
      if (BigInt(entry.seq) !== receipt.index) throw refuse("seqMismatch", entry.seq, receipt.index);
      await checkSignature(receipt, key);
      const checkpoint = parseCheckpoint(receipt.note);
      if (checkpoint.origin !== key.name) throw refuse("wrongOrigin", checkpoint.origin, key.name);
      if (!(await included(receipt.entry, receipt.index, checkpoint, receipt.path))) throw refuse("notIncluded");
      if (genesis.seq !== 0 || genesis.kind !== "genesis" || genesis.origin !== checkpoint.origin) throw refuse("genesisMismatch");
      if (!(await included(receipt.genesis, 0n, checkpoint, receipt.genesisProof))) throw refuse("genesisNotIncluded");
      let reversal = null;
      if (receipt.reversal) {
        reversal = decodeEntry(receipt.reversal.entry, "reversal");
        if (reversal.kind !== "reversal" || reversal.target !== entry.seq || reversal.seq <= entry.seq) throw refuse("reversalInvalid");
        if (!(await included(receipt.reversal.entry, BigInt(reversal.seq), checkpoint, receipt.reversal.proof))) throw refuse("reversalNotIncluded");
      }
      const gist = gistLines(entry, genesis, checkpoint.size, reversal);
      const shown = receipt.gist;
      for (let i = 0; i < Math.min(gist.length, shown.length); i++) {
        if (gist[i][0] !== shown[i][0] || gist[i][1] !== shown[i][1]) throw refuse("gistEdited", gist[i][0]);
      }
      if (gist.length !== shown.length) throw refuse("gistLines");
      const trace = receipt.trace ? checkTrace(receipt.trace, entry, checkpoint, receipt.signed, reversal) : null;
      const cosignatures = await checkCosignatures(receipt, key, witnesses);
      return { gist, checkpoint, reversed: reversal !== null, cosignatures, trace };
    }

    // The page: labels, input, verdict.

    const $ = (id) => document.getElementById(id);
    let run = 0;

    function show(ok, sentence, result) {
      const verdict = $("verdict");
      verdict.textContent = sentence;
      verdict.setAttribute("data-ok", ok ? "true" : "false");
      const gist = $("gist"), checks = $("checks");
      gist.replaceChildren();
      checks.replaceChildren();
      $("trace").replaceChildren();
      if (!result) return;
      const first = ["organisation", "amount", "fund", "value date", "programme"];
      const ordered = result.gist.filter(([n]) => first.includes(n)).sort((a, b) => first.indexOf(a[0]) - first.indexOf(b[0]))
        .concat(result.gist.filter(([n]) => !first.includes(n)));
      for (const [name, value] of ordered) {
        const dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = L.gist[name] || name;
        dd.textContent = value;
        dd.setAttribute("data-name", name);
        if (name === "amount") dd.className = "amount";
        gist.append(dt, dd);
      }
      const items = [L.checkLeaf + result.checkpoint.size, L.checkSignature, L.checkGenesis, L.checkGist].concat(result.cosignatures);
      for (const line of items) {
        const li = document.createElement("li");
        li.textContent = line;
        checks.append(li);
      }
      if (result.trace) showTrace(result.trace);
    }

    async function check(bytes) {
      const mine = ++run;
      const verdict = $("verdict");
      verdict.removeAttribute("data-ok");
      verdict.textContent = L.checking;
      let ok = false, sentence, result = null;
      try {
        if (!(crypto && crypto.subtle)) throw refuse("noCrypto");
        result = await verify(bytes);
        ok = true;
        sentence = result.reversed ? L.okReversed : L.ok;
      } catch (error) {
        sentence = error instanceof Refusal ? L.fail[error.key](...error.args) : L.fail.unexpected();
        result = null;
      }
      if (mine === run) show(ok, sentence, result);
    }

    async function checkFile(file) {
      if (!file) return;
      // Bounded before reading: a larger file is refused by its size alone.
      if (file.size > PINNED.receiptByteCountMax) {
        run++;
        show(false, L.fail.tooLarge(PINNED.receiptByteCountMax), null);
        return;
      }
      check(new Uint8Array(await file.arrayBuffer()));
    }

    function checkFragment() {
      const hash = location.hash;
      if (!hash.startsWith("#receipt=")) return;
      const encoded = hash.slice("#receipt=".length);
      if (encoded.length > Math.ceil(PINNED.receiptByteCountMax / 3) * 4 + 4) {
        run++;
        show(false, L.fail.tooLarge(PINNED.receiptByteCountMax), null);
        return;
      }
      const bytes = base64urlDecode(encoded);
      if (!bytes) { run++; show(false, L.fail.badLink(), null); return; }
      check(bytes);
    }

    document.documentElement.lang = L === ZH ? "zh-CN" : "en";
    document.title = L.title;
    for (const element of document.querySelectorAll("[data-label]")) element.textContent = L[element.getAttribute("data-label")];
    $("file").addEventListener("change", (event) => checkFile(event.target.files[0]));
    const drop = $("drop");
    drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("over");
      checkFile(event.dataTransfer.files[0]);
    });
    // A file dropped anywhere else would make the browser leave the page.
    document.addEventListener("dragover", (event) => event.preventDefault());
    document.addEventListener("drop", (event) => { event.preventDefault(); checkFile(event.dataTransfer.files[0]); });
    window.addEventListener("hashchange", checkFragment);
    checkFragment();
    })();

    """#
}
