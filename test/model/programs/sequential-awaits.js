// news does not use user: the two awaits could run together; prefs uses news
const wait = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
async function page() {
  const user = await wait(40, 'ada');
  const news = await wait(40, ['n']);
  const prefs = await wait(20, news.length);
  return [user, news, prefs];
}
page();
