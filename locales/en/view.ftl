# Messages of vanban (view), English. The same ids as ../vi/view.ftl.ftl.
