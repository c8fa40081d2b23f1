// imported as './plain.js'
export const label: string = 'twice:';
