export * from "./types";
export * from "./numbers";
export * from "./polarity";
export * from "./ragg";
export * from "./achievement";
export * from "./bands";
export * from "./messages";
export * from "./checks";
