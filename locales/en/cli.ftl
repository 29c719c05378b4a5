# Messages of vanban (cli), English. The same ids as ../vi/cli.ftl.ftl.
