// Written by Fuzz/make-seeds: the verifier key of the ledger the proof seeds came from.
let seedVerifierKey = "ledger.example.org/fuzz-seed+4f8386ac+AZl1SEgVYH0OxQciHAJUqnwTwDESkcJRO6CC2dE82mZE"
