// Progressive enhancement of the main navigation's menus (<details>, which work without this):
// one menu open at a time, Escape closes the open menu and returns focus to its button, and a
// click elsewhere closes it, as people expect of a disclosure menu.
document.addEventListener("DOMContentLoaded", function () {
  var menus = Array.prototype.slice.call(document.querySelectorAll("[data-nav-menu]"));
  if (!menus.length) { return; }
  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () {
      if (!menu.open) { return; }
      menus.forEach(function (other) { if (other !== menu) { other.open = false; } });
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
        event.preventDefault();
      }
    });
  });
  document.addEventListener("click", function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    });
  });
});
