# Messages of vanban (two A5 letters on one A4 sheet), English. The same ids as ../vi/print.ftl.
