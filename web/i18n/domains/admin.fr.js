// Words of the admin pages (fr).
export default {};
