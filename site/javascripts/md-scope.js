/* Material's inline start-up script (partials/javascripts/base.html of mkdocs-material 9), as a file so
   that the Content-Security-Policy allows it without a hash for each page depth (lawtool/publish/csp.py).
   The site's root (Material's base_url) is the parent of this file's folder. */
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
