// The shape of a table of user-facing texts (messages.ts and the tables it merges): each code's words in both
// languages, fixed or made from the parameters the error carries.
export type MessageParams = Record<string, string | number>;
type Text = string | ((p: MessageParams) => string);
export type MessageTable = Record<string, { 'zh-CN': Text; en: Text }>;
