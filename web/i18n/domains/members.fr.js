// Words of the members pages (fr).
export default {};
