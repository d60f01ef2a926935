// json-canon ships no types: it serialises a JSON value in the RFC 8785 (JCS) canonical form.
declare module 'json-canon' {
  export default function serialize(value: unknown): string;
}
