# Messages of vanban (check), English. The same ids as ../vi/check.ftl.ftl.
