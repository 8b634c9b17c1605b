// On every storefront page. A video's player is another host's: it is added to the page only
// when the shopper presses "Play the video".
for (const button of document.querySelectorAll("[data-video-play]")) {
  button.addEventListener("click", () => {
    const figure = button.closest("[data-video]");
    figure.prepend(figure.querySelector("template").content.cloneNode(true));
    button.remove();
  });
}
