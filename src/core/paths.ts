// The file name at the end of a path (POSIX or Windows separators), for labels and export names.
export function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
