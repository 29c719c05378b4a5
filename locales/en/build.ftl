# Messages of vanban (build), English. The same ids as ../vi/build.ftl.ftl.
