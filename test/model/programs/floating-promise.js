// sendEmail() is started and never awaited; it outlives signup()
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
async function sendEmail() { await wait(300); }
async function audit() { await wait(5); }
async function signup() {
  sendEmail();
  await audit();
  await Promise.all([audit()]);
}
signup();
