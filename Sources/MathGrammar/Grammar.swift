// The grammar (read from grammars/ at run time), decoding, expression trees, exact values. Filled in by issue 5.
