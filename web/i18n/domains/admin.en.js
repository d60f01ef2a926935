// Words of the admin pages (en).
export default {};
