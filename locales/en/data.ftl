# Messages of vanban (data), English. The same ids as ../vi/data.ftl.ftl.
