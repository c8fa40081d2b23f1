// anonymous default export (class)
export default class { static async m () { await null } }
