# Messages of vanban (preset), English. The same ids as ../vi/preset.ftl.ftl.
