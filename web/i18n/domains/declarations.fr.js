// Words of the declarations pages (fr).
export default {};
