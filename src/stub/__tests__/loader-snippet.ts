/**
 * The real "Partnero Universal" loader from Partnero's "Affiliate tracking for Stripe" guide, character for character
 * except the program id and queue name, so the stand-in is tested against what merchants paste.
 */
export function loaderSnippet(programId: string, queueName = 'po'): string {
  return `<!-- Partnero Universal -->
<script>
  (function(p,t,n,e,r,o){ p['__partnerObject']=r;function f(){
  var c={ a:arguments,q:[]};var r=this.push(c);return "number"!=typeof r?r:f.bind(c.q);}
  f.q=f.q||[];p[r]=p[r]||f.bind(f.q);p[r].q=p[r].q||f.q;o=t.createElement(n);
  var _=t.getElementsByTagName(n)[0];o.async=1;o.src=e+'?v'+(~~(new Date().getTime()/1e6));
  _.parentNode.insertBefore(o,_);})(window, document, 'script', 'https://app.partnero.com/js/universal.js', '${queueName}');
  ${queueName}('settings', 'assets_host', 'https://assets.partnero.com');
  ${queueName}('program', '${programId}', 'load');
</script>
<!-- End Partnero Universal -->`;
}
