// Words of the declarations pages (en).
export default {};
