// Words of the associations pages (en).
export default {};
