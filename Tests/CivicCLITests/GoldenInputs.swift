/// The input files of the golden ledger, written by hand so a reader can follow each transcript.
enum GoldenInputs {
    static let jsonl = """
    {"kind":"fund","id":"fund-edu","date":"2025-01-05","fund":{"code":"EDU","name":"Education fund","restriction":"restricted","purpose":"children"}}
    {"kind":"donation","id":"don-2","date":"2025-03-02","fund":"EDU","amount":{"value":120000,"currency":"CNY"},"category":"children","donor":{"ref":"E-0002","type":"enterprise"},"form":"transfer","receipt":{"series":"R2025","number":2}}
    {"kind":"disbursement","id":"dsb-1","date":"2025-04-01","fund":"EDU","amount":{"value":80000,"currency":"CNY"},"category":"children","expense":"charitable","beneficiary":{"group":"rural pupils"}}

    """

    static let csv = """
    kind,id,date,fund,amount,currency,category,donor.ref,donor.type,form,receipt.series,receipt.number
    donation,don-3,2025-05-01,GEN,88.00,CNY,other,P-0003,individual,online,R2025,3
    donation,don-4,2025-05-02,EDU,1000.50,CNY,children,P-0004,individual,cash,R2025,4

    """

    static let stdinLine = """
    {"kind":"reversal","id":"rev-1","date":"2025-05-03","target":4,"reason":"paid twice"}

    """
}
