// Words of the associations pages (fr).
export default {};
