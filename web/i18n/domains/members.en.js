// Words of the members pages (en).
export default {};
