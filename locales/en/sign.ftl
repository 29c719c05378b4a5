# Messages of vanban (sign), English. The same ids as ../vi/sign.ftl.ftl.
