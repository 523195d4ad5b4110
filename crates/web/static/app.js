// Buttons marked data-print print the page (no inline script: the CSP forbids it).
document.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('[data-print]')) window.print();
});
