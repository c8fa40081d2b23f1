export async function value() {
  await null;
  return 'from an ES module';
}
